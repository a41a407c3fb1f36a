#!/usr/bin/env python3
"""Writes geodata/observations.json: what the texts report as actually moved (quotes verbatim from seeds/),
plus a few figures from elsewhere marked with "note" instead of "quote"."""
import json
S0 = '000_19fc30f83eb11002.txt'
S2 = '002_4e8bfc350f4adcd8.txt'
OBS = [
    dict(id='cn_kp_crude_annual', **{'from': 'CN', 'to': 'KP'}, commodity='crude_oil',
         period={'from': '2016-01-01', 'until': '2016-12-31'}, tonnes=500000,
         quote='China exports about 500,000 tons of crude oil and 270,000 tons of petroleum products each year',
         source=S0, note='\"each year\" in a 2017 article; the period is set to the last full year before it (2016); \"about\": ±10%. The crude goes through the Dandong–Sinŭiju pipeline (Reuters 2017), but the text names no route'),
    dict(id='cn_kp_oil_products_annual', **{'from': 'CN', 'to': 'KP'}, commodity='oil_products',
         period={'from': '2016-01-01', 'until': '2016-12-31'}, tonnes=270000,
         quote='China exports about 500,000 tons of crude oil and 270,000 tons of petroleum products each year',
         source=S0, note='\"each year\", period set to 2016 as above; Reuters (2017) has the products shipped Dalian–Nampo, hence also obs_annual on dalian_nampo_tanker'),
    dict(id='ru_kp_oil_products_2015', **{'from': 'RU', 'to': 'KP'}, commodity='oil_products',
         period={'from': '2015-01-01', 'until': '2015-12-31'}, tonnes=36000,
         quote='Russia, the other major supplier of oil to North Korea, exported about 36,000 tons of oil products in 2015',
         source=S0, note='U.N. data per the text; national total, no route (tankers from Vladivostok-area ports and the Khasan–Rajin railway both carried oil products)'),
    dict(id='kp_cn_coal_2016_12', **{'from': 'KP', 'to': 'CN'}, commodity='coal',
         period={'from': '2016-12-01', 'until': '2016-12-31'}, tonnes=2000000,
         quote='the loophole allowed China’s coal imports from North Korea to surge to 2 million tonnes in December',
         source=S2, note='December before the 19 Feb (2017) suspension the text reports, i.e. December 2016; national figure, no port or lane; it exceeded the UN monthly limit \"by at least one million tonnes\" (same sentence), so that limit was at most 1,000,000 t'),
    dict(id='ru_cn_coal_makhalino_2022', **{'from': 'RU', 'to': 'CN'}, commodity='coal',
         period={'from': '2022-01-01', 'until': '2022-08-31'}, tonnes=2100000,
         note='not in the seeds: coal through the Makhalino–Hunchun rail crossing, January–August 2022, 2.1 Mt of 2.3 Mt exports (1520international.com, Russian Railways, via search tool); shows the crossing in use'),
    dict(id='cn_cn_coal_via_rajin_2011_01', **{'from': 'rajin', 'to': 'CN'}, commodity='coal',
         period={'from': '2010-12-07', 'until': '2011-01-14'}, tonnes=20000,
         note='not in the seeds: the first "cross-border domestic trade" shipment, Hunchun coal trucked through Quanhe to Rajin (from 7 Dec 2010) and shipped on the Jinbo to Shanghai Waigaoqiao (arrived 14 Jan 2011): 20,000 t (everychina.com, 20 May 2011, via search tool); basis of the Rajin coal lane to China'),
    dict(id='ru_slavyanka_vityaz_2017_10', **{'from': 'slavyanka', 'to': 'KP'}, commodity='oil_products',
         period={'from': '2017-10-01', 'until': '2017-10-31'}, tonnes=1600,
         note='not in the seeds; the period is the month of the voyage (one cargo, not a daily rate): the Russian tanker Vityaz left Slavyanka on 15 October 2017 with 1,600 t of oil declared for a fishing fleet; Western security sources said it transferred fuel at sea to the North Korean tanker Sam Ma 2 (Reuters, 30 Dec 2017, via search tool); an allegation, not a measured flow'),
]
with open('geodata/observations.json', 'w', encoding='utf-8') as f:
    f.write('{"observations": [\n' + ',\n'.join(json.dumps(o, ensure_ascii=False) for o in OBS) + '\n]}\n')
# check the quotes
for o in OBS:
    if 'quote' in o:
        txt = open('seeds/' + o['source'], encoding='utf-8').read()
        assert o['quote'] in txt, o['id']
print(len(OBS), 'observations, quotes verbatim')
