import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { detectRecordPath } from './xml';
import { parseAll } from './testing/streams';

const accounts = `<?xml version="1.0" encoding="UTF-8"?>
<!-- exported 2024-05-01 -->
<accounts generated="2024-05-01">
  <account id="A1" status="open">
    <phone type="home">(201) 555-0123</phone>
    <name>Doe &amp; Sons &#233;&#x41;</name>
    <balance currency="USD">125.50</balance>
    <address><zip>07030</zip><state>NJ</state></address>
    <note><![CDATA[<b>call after 5</b>]]></note>
  </account>
  <?pi ignored?>
  <account id="A2"><phone>2015550124</phone><empty/></account>
  <account id="A3"/>
</accounts>
`;

describe('xml', () => {
  it('should yield one record per repeating element with children and attributes flattened', async () => {
    const result = await parseAll('xml', accounts);
    expect(result.error).toBeNull();
    expect(result.warnings).toEqual([]);
    expect(result.records).toEqual([
      {
        line: 4,
        fields: {
          '@id': 'A1',
          '@status': 'open',
          phone: '(201) 555-0123',
          'phone.@type': 'home',
          name: 'Doe & Sons éA',
          balance: '125.50',
          'balance.@currency': 'USD',
          'address.zip': '07030',
          'address.state': 'NJ',
          note: '<b>call after 5</b>',
        },
      },
      { line: 12, fields: { '@id': 'A2', phone: '2015550124', empty: '' } },
      { line: 13, fields: { '@id': 'A3' } },
    ]);
  });

  it('should pick the most frequent child of the root, or a repeating grandchild under a wrapper', () => {
    expect(detectRecordPath('<r><h/><row/><row/><t/></r>', true)).toEqual(['r', 'row']);
    expect(
      detectRecordPath(
        '<export><header><created/><by/></header><accounts><account><id/></account><account><id/></account></accounts></export>',
        true,
      ),
    ).toEqual(['export', 'accounts', 'account']);
    // One record whose fields repeat stays one record.
    expect(detectRecordPath('<accounts><account><phone/><phone/></account></accounts>', true)).toEqual([
      'accounts',
      'account',
    ]);
  });

  it('should read records under a wrapper element, detected or by recordPath with or without the root', async () => {
    const file =
      '<export><header><created>2024</created></header><accounts><account><id>1</id></account><account><id>2</id></account></accounts></export>';
    const expected = [{ id: '1' }, { id: '2' }];
    expect((await parseAll('xml', file)).fields).toEqual(expected);
    expect((await parseAll('xml', file, { recordPath: 'accounts.account' })).fields).toEqual(expected);
    expect((await parseAll('xml', file, { recordPath: 'export.accounts.account' })).fields).toEqual(expected);
    expect((await parseAll('xml', file, { recordPath: 'header' })).fields).toEqual([{ created: '2024' }]);
  });

  it('should warn when no record element is found', async () => {
    const result = await parseAll('xml', '<a><b>1</b></a>', { recordPath: 'c' });
    expect(result.records).toEqual([]);
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'no_records' })]);
  });

  it('should join repeated elements with ";" and warn once per key', async () => {
    const result = await parseAll(
      'xml',
      '<r><a><phone>1</phone><phone>2</phone></a><a><phone>3</phone><phone x="y">4</phone></a></r>',
    );
    expect(result.fields).toEqual([{ phone: '1;2' }, { phone: '3;{"#text":"4","@x":"y"}' }]);
    expect(result.warnings.map((w) => [w.line, w.code])).toEqual([[1, 'array_joined']]);
  });

  it('should honour the encoding the XML declaration names', async () => {
    const bytes = iconv.encode(
      '<?xml version="1.0" encoding="ISO-8859-1"?>\n<r><a><n>Gärdet</n></a><a><n>Ørsted</n></a></r>',
      'latin1',
    );
    const result = await parseAll('xml', bytes);
    expect(result.fields).toEqual([{ n: 'Gärdet' }, { n: 'Ørsted' }]);
    expect(result.warnings).toEqual([]);
  });

  it('should keep attribute values with ">" and "/" and quotes of the other kind', async () => {
    const result = await parseAll('xml', `<r><a t="x > y / z" u='say "hi"'/><a t="2"></a></r>`);
    expect(result.fields).toEqual([{ '@t': 'x > y / z', '@u': 'say "hi"' }, { '@t': '2' }]);
  });

  it('should refuse a DOCTYPE before yielding anything', async () => {
    const result = await parseAll(
      'xml',
      '<?xml version="1.0"?>\n<!DOCTYPE r SYSTEM "file:///etc/passwd">\n<r><a>1</a></r>',
    );
    expect(result.records).toEqual([]);
    expect(result.error).toMatchObject({ line: 2, code: 'xml_doctype' });
  });

  it('should refuse a DOCTYPE that comes after the first 64 KiB', async () => {
    const file = `<!--${'x'.repeat(70_000)}-->\n<!DOCTYPE r [<!ENTITY e "boom">]>\n<r><a>&e;</a></r>`;
    const result = await parseAll('xml', file, { recordPath: 'r.a' });
    expect(result.records).toEqual([]);
    expect(result.error).toMatchObject({ line: 2, code: 'xml_doctype' });
  });

  it('should name the line of a mismatched tag and of an element the file never closes', async () => {
    const mismatched = await parseAll('xml', '<r>\n<a><b>1</b></a>\n<a><b>2</c></a>\n</r>');
    expect(mismatched.fields).toEqual([{ b: '1' }]);
    expect(mismatched.error).toMatchObject({
      line: 3,
      code: 'invalid_xml',
      message: expect.stringContaining('<b> opened on line 3'),
    });
    const truncated = await parseAll('xml', '<r>\n<a><b>1</b></a>\n<a><b>2</b>');
    expect(truncated.fields).toEqual([{ b: '1' }]);
    expect(truncated.error).toMatchObject({ line: 3, code: 'truncated_xml' });
  });

  it('should refuse text outside the root and a second root', async () => {
    expect((await parseAll('xml', 'hello <r/>')).error).toMatchObject({ line: 1, code: 'invalid_xml' });
    expect((await parseAll('xml', '<r><a/></r>\n<r/>')).error).toMatchObject({ line: 2, code: 'invalid_xml' });
  });

  it('should decode numeric character references outside CDATA, once', async () => {
    const result = await parseAll(
      'xml',
      '<r><a t="&#x22;q&#34; &#233;"><b>&#233;&#xE9; &amp;#233; &#60;&#38;&#62; &#128512;</b><c><![CDATA[&#233;]]></c></a></r>',
    );
    expect(result.fields).toEqual([{ '@t': '"q" é', b: 'éé &#233; <&> 😀', c: '&#233;' }]);
  });

  it('should warn about a record fast-xml-parser refuses (reserved names) and go on', async () => {
    const result = await parseAll('xml', '<r><a><constructor>1</constructor></a><a><b>2</b></a></r>');
    expect(result.fields).toEqual([{ b: '2' }]);
    expect(result.warnings).toEqual([expect.objectContaining({ line: 1, code: 'invalid_record' })]);
  });
});
