/** The notebook a first visit opens with. It runs on the bundled sample data in public/datasets/. */
import { createCell, type Notebook } from './cells';
import { notebookFromCells } from './operations';

export function welcomeNotebook(): Notebook {
  return notebookFromCells('Welcome', [
    createCell(
      'markdown',
      [
        '# Welcome to SQL Notebook',
        '',
        'Everything here runs **in your browser**: no server, no upload, and it works offline.',
        '',
        '- **Shift+Enter** runs a cell and moves to the next; **Ctrl/Cmd+Enter** runs it in place.',
        '- **Open files** (or drop them on the page) to query your own CSV, Parquet, JSON, Arrow, SQLite or DuckDB files.',
        '- Each SQL cell picks its engine: **DuckDB** for analytics, **SQLite** for the classic dialect.',
        '',
        'The sample data is a synthetic city-bike dataset: `trips` (DuckDB) and the `stations` database (SQLite).',
      ].join('\n'),
      'duckdb',
      'welcome',
    ),
    createCell(
      'sql',
      [
        '-- Trips per member type and bike type, in DuckDB',
        'SELECT member_type, bike_type, count(*) AS trips,',
        '       round(avg(duration_min), 1) AS avg_minutes,',
        '       round(sum(distance_km), 1) AS total_km',
        'FROM trips',
        'GROUP BY ALL',
        'ORDER BY trips DESC;',
      ].join('\n'),
      'duckdb',
      'trips_by_type',
    ),
    createCell(
      'sql',
      [
        '-- The busiest start stations',
        'SELECT start_station, count(*) AS departures',
        'FROM trips',
        'GROUP BY start_station',
        'ORDER BY departures DESC',
        'LIMIT 10;',
      ].join('\n'),
      'duckdb',
      'busiest_stations',
    ),
    createCell(
      'sql',
      [
        '-- Docks per neighbourhood, in SQLite (the stations database)',
        'SELECT n.name AS neighbourhood, count(*) AS stations, sum(s.capacity) AS docks,',
        '       round(sum(s.capacity) * 1000.0 / n.residents, 2) AS docks_per_1000_residents',
        'FROM stations s JOIN neighbourhoods n ON n.name = s.neighbourhood',
        'GROUP BY n.name',
        'ORDER BY docks DESC;',
      ].join('\n'),
      'sqlite',
      'docks_by_area',
    ),
    createCell(
      'sql',
      [
        '-- Cells read each other by name, across engines: this SQLite cell',
        '-- joins the DuckDB result busiest_stations with the stations table.',
        'SELECT b.start_station, b.departures, s.capacity,',
        '       round(b.departures * 1.0 / s.capacity, 1) AS departures_per_dock',
        'FROM busiest_stations b JOIN stations s ON s.name = b.start_station',
        'ORDER BY departures_per_dock DESC;',
      ].join('\n'),
      'sqlite',
      'per_dock',
    ),
    createCell(
      'markdown',
      [
        '## Your turn',
        '',
        'Open a file with **Open files**, then click its name in the sidebar to get a starting query.',
      ].join('\n'),
      'duckdb',
      'your_turn',
    ),
  ]);
}
