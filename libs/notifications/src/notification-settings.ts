import type { TafelConfig } from '@app/config';
import type { DispatcherSettings } from './dispatch/message-dispatcher';
import { settingsOf } from './policy/message.types';

export const NOTIFICATION_SETTINGS = Symbol('NOTIFICATION_SETTINGS');

/** Everything the schedule and the dispatcher take from the configuration. */
export interface ConfiguredNotifications extends DispatcherSettings {
  dispatchIntervalMs: number;
}

export const notificationSettingsOf = (config: TafelConfig): ConfiguredNotifications => ({
  ...settingsOf(config),
  mailFrom: config.mailFrom,
  language: config.mailLanguage,
  ...(config.organisationPhone ? { organisationPhone: config.organisationPhone } : {}),
  dispatchIntervalMs: config.dispatchIntervalMs,
});
