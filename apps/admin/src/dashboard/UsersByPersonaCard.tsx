import { PERSONA_IDS } from '@floor-os/personas';
import { Box, Table, TableBody, TableCell, TableRow } from '@mui/material';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { personaLabel } from '../components/PersonaChips';
import { DashboardCard } from './DashboardCard';
import { Unavailable } from './Stat';
import type { CardProps } from './types';

/** Catalogue order first, then anything the API counts that the catalogue does not name. */
function rowsOf(counts: Record<string, number>): { id: string; label: string; count: number }[] {
  const ids = [...PERSONA_IDS.filter((id) => id in counts), ...Object.keys(counts).filter((id) => !(PERSONA_IDS as readonly string[]).includes(id))];
  return ids.map((id) => ({ id, label: personaLabel(id), count: counts[id] ?? 0 }));
}

export const UsersByPersonaCard = ({ data }: CardProps) => {
  const counts = data?.users_by_persona;
  return (
    <DashboardCard id="users_by_persona">
      {counts ? (
        <>
          <Box sx={{ width: '100%', height: 220 }}>
            <ResponsiveContainer>
              <BarChart data={rowsOf(counts)} margin={{ top: 8, right: 8, bottom: 48, left: -16 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="label" interval={0} angle={-30} textAnchor="end" fontSize={11} />
                <YAxis allowDecimals={false} fontSize={11} />
                <Tooltip />
                <Bar dataKey="count" name="Users" fill="#1976d2" />
              </BarChart>
            </ResponsiveContainer>
          </Box>
          <Table size="small">
            <TableBody>
              {rowsOf(counts).map((row) => (
                <TableRow key={row.id} data-persona-count={row.id}>
                  <TableCell>{row.label}</TableCell>
                  <TableCell align="right">{row.count}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      ) : (
        <Unavailable />
      )}
    </DashboardCard>
  );
};
