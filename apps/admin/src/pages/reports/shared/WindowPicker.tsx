import { ToggleButton, ToggleButtonGroup } from '@mui/material';
import { useState } from 'react';

export const WINDOW_PRESETS = [
  { hours: 24, label: 'Last 24 h' },
  { hours: 72, label: 'Last 72 h' },
  { hours: 168, label: 'Last 7 days' },
  { hours: 720, label: 'Last 30 days' },
] as const;
export type WindowHours = (typeof WINDOW_PRESETS)[number]['hours'];

export interface ChosenWindow {
  hours: WindowHours;
  from: string;
  to: string;
}

function windowOf(hours: WindowHours): ChosenWindow {
  // Whole minutes: the same choice made twice in a minute reads the same cached report.
  const to = Math.ceil(Date.now() / 60_000) * 60_000;
  return { hours, from: new Date(to - hours * 3_600_000).toISOString(), to: new Date(to).toISOString() };
}

/**
 * The report window, fixed when chosen: the page shows, downloads and signs exactly that `[from, to)`, so the
 * signed report is the one on screen even if the page stays open.
 */
export function useReportWindow(initial: WindowHours): [ChosenWindow, (hours: WindowHours) => void] {
  const [window, setWindow] = useState<ChosenWindow>(() => windowOf(initial));
  return [window, (hours) => setWindow(windowOf(hours))];
}

export const WindowPicker = ({ value, onChange }: { value: WindowHours; onChange: (hours: WindowHours) => void }) => (
  <ToggleButtonGroup
    size="small"
    exclusive
    value={value}
    onChange={(_event, hours: WindowHours | null) => (hours ? onChange(hours) : undefined)}
    aria-label="Report window"
    data-testid="window-picker"
  >
    {WINDOW_PRESETS.map((preset) => (
      <ToggleButton key={preset.hours} value={preset.hours} data-window={preset.hours}>
        {preset.label}
      </ToggleButton>
    ))}
  </ToggleButtonGroup>
);
