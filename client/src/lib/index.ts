export { t, getLocale, setLocale } from './i18n/index.ts';
export { api, ApiError } from './api/client.ts';
