#!/usr/bin/env python3
"""Writes geodata/demands.csv: demands for `corridor assign`, one per quoted observation of what moved
(geodata/observations.json, whose quotes are checked against seeds/ by observations.py), each with its
quote verbatim (curly quotes kept) and its seed file. An annual figure becomes t_yr (corridor divides by
12); a one-month figure t_mo. The unquoted observations (figures from outside the seeds) are left out."""
import csv, io, json

OBS = json.load(open('geodata/observations.json', encoding='utf-8'))['observations']
FIELDS = ['id', 'from', 'to', 'commodity', 't_mo', 't_yr', 'priority', 'quote', 'source', 'note']
NOTES = {
    'cn_kp_crude_annual': 'the yearly figure as a monthly demand (t_yr / 12)',
    'cn_kp_oil_products_annual': 'the yearly figure as a monthly demand (t_yr / 12)',
    'ru_kp_oil_products_2015': 'the 2015 figure as a monthly demand (t_yr / 12)',
    'kp_cn_coal_2016_12': 'one month (December 2016, before the February 2017 suspension): ask with --month 2016-12; '
                          'in months of the national cap (events.json) the cap limits it',
}
rows = []
for o in OBS:
    if 'quote' not in o:
        continue
    p = o['period']
    one_month = p['from'][:7] == p['until'][:7]
    rows.append({'id': o['id'], 'from': o['from'], 'to': o['to'], 'commodity': o['commodity'],
                 't_mo': o['tonnes'] if one_month else '', 't_yr': '' if one_month else o['tonnes'],
                 'priority': 1, 'quote': o['quote'], 'source': o['source'], 'note': NOTES[o['id']]})
    assert o['quote'] in open('seeds/' + o['source'], encoding='utf-8').read(), o['id']
out = io.StringIO()
w = csv.DictWriter(out, fieldnames=FIELDS, lineterminator='\n')
w.writeheader()
w.writerows(rows)
with open('geodata/demands.csv', 'w', encoding='utf-8', newline='') as f:
    f.write(out.getvalue())
print(len(rows), 'demands, quotes verbatim')
