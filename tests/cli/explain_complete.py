"""explain_complete.py "PACTA COMMAND" FILE...: --explain --all must hold every piece
of a finding that the JSON of format 1 carries (what the worksheet text of
pacta 0.1 printed): rule, title, basis, binding, reasons, caveats, missing
facts, the provision's words, every citation's label, source and URL, every
step's id and label, and every fact with its provenance. A sentence of the
reasons about one element is told as that step (its label, value and facts),
so it is checked through them. Run from the top of the tree."""
import json, re, shlex, subprocess, sys
pacta, files = shlex.split(sys.argv[1]), sys.argv[2:]
def norm(s): return ' '.join(s.split()).lower()
bad = 0
for f in files:  # pylint: disable=invalid-name
    v1 = subprocess.run(pacta + ['check','--rules','rules','--format','json','--json-shape','v1',f],capture_output=True,text=True).stdout
    ex = subprocess.run(pacta + ['check','--rules','rules','--explain','--all',f],capture_output=True,text=True).stdout
    text = norm(ex)
    for line in v1.splitlines():
        doc = json.loads(line)
        for fd in doc['findings']:
            atoms = [fd['rule'], norm(fd.get('rule_title') or ''), fd['basis']]
            # an element's sentence is told as its step (label, value, facts): checked below
            told = [r for r in fd['reasons'] if not re.match(r"(Element|Exception|Consideration) '", r)]
            atoms += [norm(re.sub('^Conclusion: ', '', x)) for x in told + fd['caveats'] + fd['missing']]
            atoms += [v for v in fd.get('binding', {}).values()]
            if fd.get('provision_text'): atoms.append(norm(fd['provision_text'])[:200])
            for c in fd['citations']:
                atoms += [norm(c.get(k, '')) for k in ('label', 'source', 'url')]
            for s in fd['steps']:
                if s['kind'] != 'binding':  # the binding step's label is the question the Rule asks
                    atoms += [s.get('id') or '', norm(s.get('label') or '')]
            for x in fd['facts']:
                d = x.get('detail') or ''
                if d.startswith('status '): d = d[7:]
                atoms += [x['ref'].lower(), norm(d), x.get('source') or '', norm(x.get('text') or '')]
                if 'span' in x: atoms.append('%d-%d' % tuple(x['span']))
            for a in atoms:
                if a and a.lower() not in text:
                    bad += 1
                    print('%s: %s: missing in --explain: %r' % (f, fd['rule'], a[:100]))
print('missing atoms:', bad)
sys.exit(1 if bad else 0)
