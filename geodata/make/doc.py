#!/usr/bin/env python3
"""Writes the tables of docs/the-default-network-sources.md from geodata/ (run after build.py)."""
import json, re
P = [f for f in json.load(open('geodata/places.geojson'))['features']]
R = [f for f in json.load(open('geodata/routes.geojson'))['features']]
L = {x['id']: x for x in json.load(open('geodata/make/lengths.json'))}

GEOM = {
    'khasan_bridge_rail': 'geodata/ Khasan–Rajin trace, split', 'bridge_tumangang_rail': 'geodata/ Khasan–Rajin trace, split',
    'tumangang_hongui_rail': 'geodata/ Khasan–Rajin trace, split', 'hongui_sungri_junction_rail': 'geodata/ Khasan–Rajin trace, split',
    'sungri_junction_rajin_rail': 'geodata/ Khasan–Rajin trace, split',
    'vladivostok_baranovsky_rail': 'Natural Earth coast of Amur Bay (1 km inland) to Ugolnaya, round Uglovoy Bay, then Wikipedia town coordinates (Nadezhdinskaya, Razdolnoye) and Baranovsky station',
    'baranovsky_makhalino_rail': 'Baranovsky station and Olenevod (Wikipedia), station towns (approx.) + Natural Earth coast of Amur Bay (2 km inland) Primorsky–Narva',
    'sunchon_manpo_rail': 'Wikipedia stations Kaech\'ŏn, Kujang, Manp\'o Ch\'ŏngnyŏn + station towns (approx.)',
    'hoeryong_chongjin_rail': 'station towns (approx.) to Ch\'ŏngjin Ch\'ŏngnyŏn station (Wikipedia), port branch',
    'makhalino_khasan_rail': 'approx. vertices kept on land round Expedition Bay',
    'hongui_namyang_rail': 'Natural Earth KP–CN border (the Tumen), 1.5 km inside KP, thinned',
    'namyang_hoeryong_rail': 'Natural Earth KP–CN border (the Tumen), 1 km inside KP',
    'sunchon_chongjin_rail': 'Wikipedia stations (Sunch\'ŏn, Kowŏn, Kŭmya, Kilju, Ch\'ŏngjin) and Hamhŭng + station towns (approx.) + Natural Earth coast (1.5 km inland) Sinp\'o–Kimch\'aek and Orang–Ch\'ŏngjin',
    'chongjin_rajin_rail': 'Ch\'ŏngjin Ch\'ŏngnyŏn station (Wikipedia), then Natural Earth coast, 1.5 km inland',
    'pyongyang_nampo_rail': 'geodata/ unchanged', 'dandong_sinuiju_bridge': 'geodata/ unchanged', 'tumen_namyang_rail': 'geodata/ unchanged',
    'quanhe_wonjong_road': 'geodata/ unchanged', 'wonjong_rajin_road': 'geodata/ unchanged', 'sungri_wonjong_oil_road': 'geodata/ Wonjong–Rajin road, cut',
    'nakhodka_rajin_tanker': 'geodata/ unchanged', 'vostochny_chongjin_tanker': 'geodata/ after the first 5 km', 'nampo_dalian_coal': 'geodata/ unchanged',
    'dalian_nampo_tanker': 'geodata/ Nampo–Dalian lane reversed',
    'vladivostok_rajin_tanker': 'drawn: Golden Horn, west of Russky, off Cape Gamov, Rajin Bay (geodata/ approach)', 'mangyongbong_ferry': 'as vladivostok_rajin_tanker',
    'slavyanka_rajin_tanker': 'drawn, sea only', 'rajin_dalian_coal': 'drawn round Korea; geodata/ Dalian approach',
}
def rng(p):
    for v, lo, hi, unit in (('capacity', 'cap_low', 'cap_high', 't/month'), ('annual_t', 'ann_low', 'ann_high', 't/yr')):
        if v in p:
            return f"{p[v]:,} {unit}", f"{p.get(lo, p[v]):,}–{p.get(hi, p[v]):,}"
    if 'payload_t' in p:
        return (f"{p['payload_t']:,} t × {p['trips_mo']} trips/month",
                f"{p.get('pay_low', p['payload_t']):,}–{p.get('pay_high', p['payload_t']):,} t; {p.get('trips_low', p['trips_mo'])}–{p.get('trips_high', p['trips_mo'])} trips")
    return '', ''
def cell(s):
    return str(s).replace('|', '\\|').replace('\n', ' ')

out = []
out.append('| id | name | kind | lat, lon | source of the position | capacity (t/month), range, basis |')
out.append('|---|---|---|---|---|---|')
for f in P:
    p = f['properties']; x, y = f['geometry']['coordinates']
    cap = ''
    if 'capacity' in p:
        cap = f"{p['capacity']:,} ({p.get('cap_low', p['capacity']):,}–{p.get('cap_high', p['capacity']):,}); " + (('transfer: gauge; ' if p.get('transfer') else '') + (f"converts {p['converts']['from']}→{p['converts']['to']}; " if p.get('converts') else '')) + p.get('note', '')
    out.append(f"| `{p['id']}` | {cell(p['name'])} | {p['kind']} | {y:.5f}, {x:.5f} | {cell(p['source'])} | {cell(cap)} |")
places_tbl = '\n'.join(out)

out = []
out.append('| id | mode, gauge | from → to | length_km computed | published km | deviation | geometry from | capacity | range | basis | source / quote |')
out.append('|---|---|---|---|---|---|---|---|---|---|---|')
for f in R:
    p = f['properties']; l = L[p['id']]
    pub = l['published_km']
    dev = f"{(l['length_km'] - pub) / pub * 100:+.1f}%" if pub else '—'
    cap, r = rng(p)
    src = (f"{p['seed']}: “{p['quote']}”" if p.get('quote') else '—')
    if p.get('obs_quote'):
        src += f"; observed {p.get('obs_annual', p.get('observed')):,} ({p['obs_seed']}: “{p['obs_quote']}”)"
    dates = ''.join(f"; {k} {p[k]}" for k in ('open_from', 'open_until') if k in p)
    out.append(f"| `{p['id']}` | {p['mode']}{', ' + p['gauge'] if p.get('gauge') else ''}{dates} | {p['from_id']} → {p['to_id']} | {l['length_km']} | {pub if pub else '—'} | {dev} | {GEOM.get(p['id'], 'station towns (approx.), see note')} ({l['vertices']} vertices) | {cap} | {r} | {p.get('basis', '')} | {cell(src)} |")
routes_tbl = '\n'.join(out)

notes = '\n'.join(f"- `{f['properties']['id']}`: {cell(f['properties'].get('note', ''))}" for f in R)

T = [
  ('Khasan–Rajin railway (Khasan–bridge–Tumangang–Hongŭi–Sŏnbong–Rajin)', ['khasan_bridge_rail','bridge_tumangang_rail','tumangang_hongui_rail','hongui_sungri_junction_rail','sungri_junction_rajin_rail'], 54, 'cs.wikipedia \'Khasan (station)\'; the issue'),
  ('  of which Khasan–Tumangang', ['khasan_bridge_rail','bridge_tumangang_rail'], 5, 'ru.wikipedia \'Туманган (станция)\' and \'Хасан (станция)\''),
  ('  of which Tumangang–Rajin (1520 mm track)', ['tumangang_hongui_rail','hongui_sungri_junction_rail','sungri_junction_rajin_rail'], 49, 'ru.wikipedia \'Туманган (станция)\''),
  ('Hongŭi line Tumangang–Hongŭi', ['tumangang_hongui_rail'], 9.5, 'Wikipedia \'Hongui line\''),
  ('  the same, derived (Tumangang–Rajin 49 km less Hongŭi–Rajin 42.6 km)', ['tumangang_hongui_rail'], 6.4, 'ru.wikipedia \'Туманган (станция)\'; Wikipedia \'Hambuk Line\' (km 285.6–328.2)'),
  ('Hambuk line Ch\'ŏngjin–Hoeryŏng–Namyang–Hongŭi–Rajin', ['hoeryong_chongjin_rail','namyang_hoeryong_rail','hongui_namyang_rail','hongui_sungri_junction_rail','sungri_junction_rajin_rail'], 331.3, 'Wikipedia \'Hambuk Line\' (km −3.1 to 328.2)'),
  ('  of which Hongŭi–Namyang', ['hongui_namyang_rail'], 116.6, 'same'),
  ('  of which Namyang–Hoeryŏng', ['namyang_hoeryong_rail'], 79.5, 'same'),
  ('  of which Hoeryŏng–Ch\'ŏngjin (route, with the 2.2 km port branch)', ['hoeryong_chongjin_rail'], 92.6, 'same'),
  ('  of which Hoeryŏng–Ch\'ŏngjin Ch\'ŏngnyŏn station', 'hambuk_hoeryong_chongjin_stn', 92.6, 'same'),
  ('P\'yŏngra line Pyongyang–Sunch\'ŏn–Ch\'ŏngjin–Rajin', ['pyongyang_sunchon_rail','sunchon_chongjin_rail','chongjin_rajin_rail'], 819, 'the issue'),
  ('  the same, derived (Pyongyang–Tumangang 845 km less Tumangang–Rajin 49 km)', ['pyongyang_sunchon_rail','sunchon_chongjin_rail','chongjin_rajin_rail'], 796, 'ru.wikipedia \'Туманган (станция)\'; Pyongyang–Khasan 850 km less 54 km gives the same (ru.wikipedia \'Пхеньян (станция)\')'),
  ('P\'yŏngŭi line Sinŭiju–Pyongyang (route, from the city centre)', ['sinuiju_pyongyang_rail'], 225.1, 'Wikipedia \'Pyongui Line\''),
  ('  of which Sinŭiju Ch\'ŏngnyŏn–Pyongyang station', 'pyongui_pyongyang_stn_sinuiju', 225.1, 'same'),
  ('Manp\'o line Sunch\'ŏn–Manp\'o (border)', ['sunchon_manpo_rail'], 303.4, 'Wikipedia \'Manpo Line\''),
  ('  of which Sunch\'ŏn–Kaech\'ŏn (km 0–38.9)', 'manpo_sunchon_kaechon', 38.9, 'same (station table)'),
  ('  of which Kaech\'ŏn–Kujang Ch\'ŏngnyŏn (km 38.9–63.0)', 'manpo_kaechon_kujang', 24.1, 'same'),
  ('  of which Kujang–Manp\'o Ch\'ŏngnyŏn (km 63.0–299.8)', 'manpo_kujang_manpo', 236.8, 'same'),
  ('Baranovsky–Khasan line', ['baranovsky_makhalino_rail','makhalino_khasan_rail'], 238, 'Wikipedia \'Baranovsky–Khasan line\''),
  ('  of which Baranovsky–Makhalino', ['baranovsky_makhalino_rail'], 197, 'same'),
  ('  of which Makhalino–Khasan', ['makhalino_khasan_rail'], 41, 'same'),
  ('Vladivostok–Baranovsky (Trans-Siberian)', ['vladivostok_baranovsky_rail'], 89, 'ru.wikipedia \'Барановский (станция)\''),
  ('Makhalino–Kamyshovaya branch', ['makhalino_kamyshovaya_rail'], 20.3, 'pravda.ru'),
  ('Dandong–Sinŭiju pipeline', ['dandong_sinuiju_pipeline'], 29.4, 'nocutnews.co.kr 2017 (Global Energy Monitor: about 30)'),
  ('Sea lane Vladivostok–Rajin (ferry, tankers)', ['vladivostok_rajin_tanker'], 167, 'the issue: ~90 nmi'),
]
SEC = {x['id']: x for x in json.load(open('geodata/make/sections.json'))}
rows = ['| line | computed km | published km | deviation | published by |', '|---|---|---|---|---|']
for name, ids, pub, by in T:
    # a list of route ids sums whole routes; a string names a section between located stations (build.py)
    c = SEC[ids]['length_km'] if isinstance(ids, str) else round(sum(L[i]['length_km'] for i in ids), 1)
    rows.append(f"| {name} | {c} | {pub} | {(c - pub) / pub * 100:+.1f}% | {by} |")
totals = '\n'.join(rows)
def position_status(src):
    if src.startswith('approx'):
        return 'not located: approximate, may be more than 2 km off'
    if 'as given in the issue' in src:
        return 'the issue\'s coordinate; no independent coordinate found'
    if 'more than 2 km from this point' in src:
        return 'a located point nearby (see the source); the crossing or station itself not located'
    return 'located: published coordinate (or placed from one, as the source says)'
prow = ['| place | position |', '|---|---|']
for f in P:
    prow.append(f"| `{f['properties']['id']}` | {position_status(f['properties']['source'])} |")
positions = '\n'.join(prow)
doc = open('geodata/make/doc_template.md', encoding='utf-8').read()
doc = doc.replace('{{POSITIONS}}', positions)
doc = doc.replace('{{PLACES}}', places_tbl).replace('{{ROUTES}}', routes_tbl).replace('{{NOTES}}', notes)
O = json.load(open('geodata/observations.json'))['observations']
orows = ['| id | from → to | commodity | period | tonnes | quote (seed) or note |', '|---|---|---|---|---|---|']
for o in O:
    src = f"{o['source']}: “{o['quote']}”" if 'quote' in o else o.get('note', '')
    orows.append(f"| `{o['id']}` | {o['from']} → {o['to']} | {o['commodity']} | {o['period']['from']} – {o['period']['until']} | {o['tonnes']:,} | {cell(src)} |")
doc = doc.replace('{{OBS}}', '\n'.join(orows))
doc = doc.replace('{{TOTALS}}', totals)
doc = doc.replace('{{NP}}', str(len(P))).replace('{{NR}}', str(len(R)))
open('docs/the-default-network-sources.md', 'w', encoding='utf-8').write(doc)
print('written')
