import { en } from './en';
import { nl } from './nl';

/** The message templates per language (TAFEL_MAIL_LANGUAGE). */
export const TEMPLATES = { nl, en } as const;
export type MailLanguage = keyof typeof TEMPLATES;
