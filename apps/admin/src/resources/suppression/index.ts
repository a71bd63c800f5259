import PhoneDisabledIcon from '@mui/icons-material/PhoneDisabled';
import { page } from '../../lazy';

// Entries are added (one by one or by CSV import) and removed; never edited (remove and add instead).
export const create = page(() => import('./SuppressionCreate'), 'SuppressionCreate');
export const list = page(() => import('./SuppressionList'), 'SuppressionList');
export const icon = PhoneDisabledIcon;
export const recordRepresentation = 'value';
export const options = { label: 'Suppression list' };
