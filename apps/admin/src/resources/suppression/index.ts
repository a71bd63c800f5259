import PhoneDisabledIcon from '@mui/icons-material/PhoneDisabled';

// Entries are added (one by one or by CSV import) and removed; never edited (remove and add instead).
export { SuppressionCreate as create } from './SuppressionCreate';
export { SuppressionList as list } from './SuppressionList';
export const icon = PhoneDisabledIcon;
export const recordRepresentation = 'value';
export const options = { label: 'Suppression list' };
