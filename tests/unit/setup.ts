// Every unit test file runs with the extension's default locale (zh_CN), as a Chinese reader sees it.
import { useLocale } from './fakes/i18n';

useLocale('zh_CN');
