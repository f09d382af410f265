export * from './tafel-config';
export * from './duration';
export * from './clock';
