/** How a cell's result is viewed: sort, filters and chart. Saved with the notebook, applied in the engine. */
export interface SortKey {
  readonly column: string;
  readonly desc: boolean;
}

export type FilterOp = 'contains' | 'equals' | 'not-equals' | 'gt' | 'gte' | 'lt' | 'lte' | 'is-null' | 'not-null';

export interface ColumnFilter {
  readonly column: string;
  readonly op: FilterOp;
  readonly value: string;
}

export type ChartType = 'bar' | 'line' | 'area' | 'scatter' | 'histogram' | 'heatmap';
export type ChartAggregate = 'none' | 'count' | 'sum' | 'avg' | 'min' | 'max';

export interface ChartSettings {
  readonly type: ChartType;
  readonly x?: string;
  readonly y?: string;
  readonly color?: string;
  readonly aggregate?: ChartAggregate;
}

export interface ResultViewSettings {
  readonly mode?: 'table' | 'chart';
  readonly sort?: readonly SortKey[];
  readonly filters?: readonly ColumnFilter[];
  readonly chart?: ChartSettings;
}
