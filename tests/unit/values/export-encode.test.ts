import { describe, expect, it } from 'vitest';
import {
  Bool,
  DateDay,
  Decimal,
  Field,
  Float64,
  Int64,
  Schema,
  Table,
  Utf8,
  makeBuilder,
  makeData,
  RecordBatch,
  Struct,
  tableFromIPC,
  type DataType,
} from 'apache-arrow';
import { encodeChunk, footer, header, jsonToken, plainText } from '../../../src/values/encode';
import { ArrowStreamSplicer } from '../../../src/values/binary';

function table(columns: [string, DataType, unknown[]][]): Table {
  const fields = columns.map(([n, t]) => new Field(n, t, true));
  const children = columns.map(([, t, values]) => {
    const b = makeBuilder({ type: t, nullValues: [null] });
    for (const v of values) b.append(v);
    return b.finish().flush();
  });
  const length = columns[0]?.[2].length ?? 0;
  return new Table([
    new RecordBatch(new Schema(fields), makeData({ type: new Struct(fields), length, nullCount: 0, children })),
  ]);
}

const t = table([
  ['id', new Int64(), [9007199254740993n, null]],
  ['s', new Utf8(), ['a,"b"\nc', '']],
  ['x', new Float64(), [Number.NaN, 6793.069999999994]],
  ['ok', new Bool(), [true, null]],
]);

describe('text exports', () => {
  it('writes CSV and TSV with exact numbers, quoting where needed, NULL as nothing', () => {
    const fields = t.schema.fields;
    expect(header(fields, 'csv') + encodeChunk(t, fields, 'csv', true)).toBe(
      'id,s,x,ok\n9007199254740993,"a,""b""\nc",nan,true\n,"",6793.069999999994,\n',
    );
    expect(encodeChunk(t, fields, 'tsv', true).split('\n')[2]).toBe('\t""\t6793.069999999994\t');
  });

  it('writes JSON and NDJSON with exact integers and null for NaN', () => {
    const fields = t.schema.fields;
    const json = header(fields, 'json') + encodeChunk(t, fields, 'json', true) + footer('json', 2);
    expect(json).toBe(
      '[\n{"id":9007199254740993,"s":"a,\\"b\\"\\nc","x":null,"ok":true},\n{"id":null,"s":"","x":6793.069999999994,"ok":null}\n]\n',
    );
    expect(JSON.parse(json)).toHaveLength(2);
    expect(encodeChunk(t, fields, 'ndjson', true).trim().split('\n')).toHaveLength(2);
    expect(header(fields, 'json') + footer('json', 0)).toBe('[\n]\n');
  });

  it('writes decimals and dates as text that reads back', () => {
    expect(jsonToken('12345', new Field('d', new Decimal(2, 10, 128)))).toBe('123.45');
    expect(plainText(Date.UTC(2024, 0, 2), new Field('d', new DateDay()))).toBe('2024-01-02');
    expect(plainText(new Uint8Array([0xaa, 1]), new Field('b', new Utf8()))).toBe('\\xAA\\x01');
  });
});

describe('Arrow export', () => {
  it('splices chunk streams into one stream', () => {
    const w = new ArrowStreamSplicer();
    const parts = [w.chunk(t), w.chunk(t.slice(0, 1)), w.end()];
    const bytes = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
    let o = 0;
    for (const p of parts) {
      bytes.set(p, o);
      o += p.length;
    }
    const back = tableFromIPC(bytes);
    expect(back.numRows).toBe(3);
    expect(back.getChild('id')?.get(2)).toBe(9007199254740993n);
    expect(back.schema.fields.map((f) => f.name)).toEqual(['id', 's', 'x', 'ok']);
  });
});
