/** Small inline SVG icons: no icon font to load, and they render the same on every system. */
const PATHS = {
  run: 'M5 3.5v9l8-4.5z',
  stop: 'M4.5 4.5h7v7h-7z',
  above: 'M3 3h10M8 13V6M5 9l3-3 3 3',
  below: 'M3 13h10M8 3v7M5 7l3 3 3-3',
  up: 'M8 13V3M4 7l4-4 4 4',
  down: 'M8 3v10M4 9l4 4 4-4',
  duplicate: 'M5.5 5.5h7v7h-7zM3.5 10.5v-7h7',
  delete: 'M3 4.5h10M6.5 4.5V3h3v1.5M4.5 4.5l.7 8.5h5.6l.7-8.5',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name }: { name: IconName }) {
  const filled = name === 'run' || name === 'stop';
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path
        d={PATHS[name]}
        fill={filled ? 'currentColor' : 'none'}
        stroke="currentColor"
        stroke-width="1.4"
        stroke-linecap="round"
        stroke-linejoin="round"
      />
    </svg>
  );
}
