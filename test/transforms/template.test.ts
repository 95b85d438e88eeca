import { describe, expect, it } from 'vitest';
import { renderTemplate, TemplateError } from '../../transforms/template.ts';

const fns = {
  ref: (name: string) => `"core"."${name}"`,
  join: (...args: string[]) => args.join('|'),
  upper: (s: string) => s.toUpperCase(),
};

describe('renderTemplate', () => {
  it('replaces calls, nested calls and quoted strings with doubled quotes', () => {
    const sql = `select * from {{ ref('a') }} where x = {{ join("it's", 'b''c', 42, upper(ref('z'))) }}`;
    expect(renderTemplate(sql, fns)).toBe(`select * from "core"."a" where x = it's|b'c|42|"CORE"."Z"`);
  });

  it('leaves text without templates alone, including single braces', () => {
    expect(renderTemplate("select '{a}' as x", fns)).toBe("select '{a}' as x");
  });

  it('names an unknown helper, the known ones and the line', () => {
    expect(() => renderTemplate('select 1\nfrom {{ nope(1) }}', fns)).toThrowError(/line 2: unknown helper nope\(\).*join, ref, upper/);
  });

  it('rejects malformed calls and unterminated blocks', () => {
    expect(() => renderTemplate("{{ ref('a' }}", fns)).toThrow(TemplateError);
    expect(() => renderTemplate("{{ ref('a) }}", fns)).toThrow(/unterminated string/);
    expect(() => renderTemplate("select {{ ref('a')", fns)).toThrow(/without a closing/);
    expect(() => renderTemplate('{{ ref }}', fns)).toThrow(/expected "\(" after ref/);
  });
});
