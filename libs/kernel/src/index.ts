export * from './ids';
export * from './sql/sql-db';
