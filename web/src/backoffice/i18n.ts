import { addTexts, useNamespaceT, type TypedT } from '../dossiers/i18n.js';
import { backofficeEn, backofficeVi, type BackofficeMessages } from './locales.js';

const NS = 'backoffice';
addTexts(NS, backofficeVi, backofficeEn);

export type BackofficeT = TypedT<BackofficeMessages>;
export const useBackofficeT = () => useNamespaceT<BackofficeMessages>(NS);
