import FactCheckIcon from '@mui/icons-material/FactCheck';
import { page } from '../../lazy';

// Decisions are append-only (SPEC A4): list and show only, no create, edit or delete.
export const list = page(() => import('./DecisionList'), 'DecisionList');
export const show = page(() => import('./DecisionShow'), 'DecisionShow');
export const icon = FactCheckIcon;
export const recordRepresentation = 'audit_id';
export const options = { label: 'Audit trail' };
