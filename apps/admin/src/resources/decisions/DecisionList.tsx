import {
  DataTable,
  DateField,
  DateTimeInput,
  FunctionField,
  List,
  SearchInput,
  SelectInput,
  TextField,
  TextInput,
} from 'react-admin';
import { ListActions } from '../../components/ListActions';
import { CodeChipsField, OutcomeField } from '../../components/OutcomeChip';
import { channelWord, choicesInWords, modeLabel, outcomeLabel } from '../../components/words';
import {
  DECISION_CHANNELS as CHANNELS,
  DECISION_OUTCOMES as OUTCOMES,
  DECISION_RULE_IDS as RULE_IDS,
  ENFORCEMENT_MODES as MODES,
  type DecisionView as Decision,
} from '@floor-os/contracts';
import { agentOf, choicesOf, INITIATED_BY_CHOICES } from './types';

/** The datetime-local input holds a local minute; the API wants an instant. */
const toInstant = (value: string | null | undefined): string | null => {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
};

/** "Until 10:30" means through the end of that minute. */
const toEndOfMinute = (value: string | null | undefined): string | null => {
  const start = toInstant(value);
  if (!start) return null;
  const date = new Date(start);
  if (date.getSeconds() === 0 && date.getMilliseconds() === 0) date.setSeconds(59, 999);
  return date.toISOString();
};

const decisionFilters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Account, audit id or agent" />,
  <DateTimeInput key="created_at_gte" source="created_at_gte" label="From" parse={toInstant} alwaysOn />,
  <DateTimeInput key="created_at_lte" source="created_at_lte" label="Until" parse={toEndOfMinute} alwaysOn />,
  <SelectInput key="outcome" source="outcome" choices={choicesInWords(OUTCOMES, outcomeLabel)} alwaysOn />,
  <SelectInput key="channel" source="channel" choices={choicesInWords(CHANNELS, channelWord)} alwaysOn />,
  <SelectInput key="rule_id" source="rule_id" label="Rule" choices={choicesOf(RULE_IDS)} />,
  <TextInput key="agent_id" source="agent_id" label="Agent" />,
  <TextInput key="account_id" source="account_id" label="Account" />,
  <SelectInput key="mode" source="mode" choices={choicesInWords(MODES, modeLabel)} />,
  <SelectInput key="initiated_by" source="initiated_by" label="Started by" choices={INITIATED_BY_CHOICES} />,
];

/**
 * SPEC A1: every gate decision of the tenant, newest first. Read-only: decisions are append-only (A4); a
 * disagreement is an annotation on the drill-down, never an edit.
 */
export const DecisionList = () => (
  <List
    title="Audit trail"
    filters={decisionFilters}
    actions={<ListActions hasFilters />}
    sort={{ field: 'created_at', order: 'DESC' }}
    perPage={25}
  >
    <DataTable<Decision> rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="created_at" label="Time">
        <DateField source="created_at" showTime />
      </DataTable.Col>
      <DataTable.Col source="account_id" label="Account">
        <TextField source="account_id" data-testid="decision-account" />
      </DataTable.Col>
      <DataTable.Col source="channel">
        <FunctionField<Decision> render={(record) => channelWord(record.channel)} />
      </DataTable.Col>
      <DataTable.Col source="outcome" label="Outcome" disableSort>
        <OutcomeField />
      </DataTable.Col>
      <DataTable.Col source="rule_ids" label="Rules" disableSort>
        <CodeChipsField source="rule_ids" monospace />
      </DataTable.Col>
      <DataTable.Col source="statutes" disableSort>
        <CodeChipsField source="statutes" />
      </DataTable.Col>
      <DataTable.Col source="agent_id" label="Agent">
        <FunctionField<Decision> render={(record) => agentOf(record)} />
      </DataTable.Col>
      <DataTable.Col source="mode">
        <FunctionField<Decision> render={(record) => modeLabel(record.mode)} />
      </DataTable.Col>
    </DataTable>
  </List>
);
