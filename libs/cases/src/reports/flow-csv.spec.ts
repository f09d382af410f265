import { csvField, flowCsv, toCsv, FLOW_COLUMNS } from './flow-csv';

describe('CSV (RFC 4180)', () => {
  it('quotes a field with a comma, quote or line break and doubles its quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(false)).toBe('false');
  });
  it('ends every line, the header too, in CRLF', () => {
    expect(toCsv(['a', 'b'], [[1, 'x,y']])).toBe('a,b\r\n1,"x,y"\r\n');
  });
  it('gives only the header for no cases', () => {
    expect(flowCsv([])).toBe(FLOW_COLUMNS.map(([name]) => name).join(',') + '\r\n');
  });
});
