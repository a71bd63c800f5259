import FactCheckIcon from '@mui/icons-material/FactCheck';

// Decisions are append-only (SPEC A4): list and show only, no create, edit or delete.
export { DecisionList as list } from './DecisionList';
export { DecisionShow as show } from './DecisionShow';
export const icon = FactCheckIcon;
export const recordRepresentation = 'audit_id';
export const options = { label: 'Audit trail' };
