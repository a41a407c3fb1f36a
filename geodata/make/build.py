#!/usr/bin/env python3
"""Builds geodata/places.geojson, routes.geojson from the tables below.
Run from the worktree root: python3 geodata/make/build.py
Coordinates are (lon, lat). Every place says where its coordinate came from; every route note says
where its geometry came from. Lengths are checked against published lengths (printed)."""
import json, re, sys, os
sys.path.insert(0, os.path.dirname(__file__))
from geo import length_km, dist_km
import landcheck

OLD = {f['properties']['id']: f for f in json.load(open('geodata/make/sources/routes-v1.geojson'))['features']}
def old_geom(rid):
    return [list(p) for p in OLD[rid]['geometry']['coordinates']]

S0 = '000_19fc30f83eb11002.txt'
S2 = '002_4e8bfc350f4adcd8.txt'

# ---------------------------------------------------------------- places
P = {}
def place(id, name, local, country, kind, lon, lat, source, **kw):
    P[id] = dict(id=id, name=name, name_local=local, country=country, kind=kind, source=source, **kw)
    P[id]['_xy'] = [round(lon, 5), round(lat, 5)]

# Russia
place('vladivostok', 'Vladivostok (sea port, Golden Horn passenger terminal)', 'Владивосток', 'RU', 'port', 131.88500, 43.11100,
      'placed from the railway station: the Sea Terminal (Morskoy vokzal) is on the Golden Horn next to the railway station, joined to the station square by a viaduct (vladivostok-city.com \'Seebahnhof\', via search tool); station coordinates 43°6′40.18″N 131°52′53.58″E (en.wikipedia \'Vladivostok railway station\', pt mirror, via search tool); this point is 0.3 km east of the station, so within about 0.5 km of the terminal, whose own coordinate was not found')
place('baranovsky', 'Baranovsky junction (Trans-Siberian / Baranovsky–Khasan line)', 'Барановский', 'RU', 'junction', 131.92722, 43.64556,
      'ru.wikipedia \'Барановский (станция)\' coordinates 43°38′44″N 131°55′38″E (via search tool, perceptio mirror); the same article gives 89 km to Vladivostok; the earlier general-knowledge position was 10.5 km too far north')
place('slavyanka', 'Slavyanka oil terminal (Vostokbunker, port Posyet – Slavyanka terminal)', 'Славянка', 'RU', 'oil_terminal', 131.38500, 42.86300,
      'settlement coordinate 42.871880, 131.395553 (uistoka.ru, from ru.wikipedia, via search tool), moved ~1.3 km SW onto the Slavyanka Bay shore; the oil terminal (Vostokbunker, up to 1.5 Mt/yr of oil products, bespovorotno.ru citing PrimaMedia) is on the bay, exact berth not located')
place('makhalino', 'Makhalino station (junction for the Hunchun branch)', 'Махалино', 'RU', 'junction', 130.80000, 42.73500,
      'approx., not located: on the Baranovsky–Khasan line at km 197, 41 km from Khasan (pl.wikipedia \'Chasan (stacja kolejowa)\') and 3 km from Kraskino by the Kraskino branch (route diagram, Wikipedia \'Baranovsky–Khasan line\'; both via search tool); Kraskino settlement 42°42′30″N 130°46′55″E (fr.wikipedia \'Kraskino\'); no coordinate of the station found, the direction from Kraskino is a guess, may be off by more than 2 km')
place('kamyshovaya', 'Kamyshovaya border station (Makhalino–Hunchun crossing)', 'Камышовая', 'RU', 'border_crossing', 130.64000, 42.80500,
      'approx., from general knowledge: border station at the end of the 20.3 km branch from Makhalino (pravda.ru via search tool); position not confirmed, may be off by more than 2 km',
      transfer='gauge', capacity=250000, cap_low=166667, cap_high=666667,
      note='gauge change 1520/1435 for the Makhalino–Hunchun crossing (Chinese 1435 track laid into Kamyshovaya, zheldor news via search tool); assumed 3 Mt/yr (250,000 t/month), the design capacity of the crossing (dv-zvezda.ru, Far Eastern Railway opening 2013, via search tool); range: 2 Mt/yr, the first-stage figure (eurailpress.de 2013), to 8 Mt/yr, the planned later figure (same); 2022 traffic, 2.3 Mt in eight months (1520international.com), lies inside')
place('kraskino', 'Kraskino road checkpoint', 'Краскино', 'RU', 'border_crossing', 130.78194, 42.70833,
      'settlement of Kraskino, fr.wikipedia \'Kraskino\' coordinates 42°42′30″N 130°46′55″E (via search tool); the road checkpoint (MAPP Kraskino) is on the road from Kraskino to the Hunchun–Changlingzi border, not located: the checkpoint itself may be more than 2 km from this point')
place('khasan', 'Khasan station', 'Хасан', 'RU', 'rail_station', 130.64492, 42.43006,
      'Wikipedia (pl) article \'Chasan (stacja kolejowa)\' coordinates 42°25′48.2″N 130°38′41.7″E (via search tool); cs article gives 42°25′41″N 130°38′43″E, 0.2 km away')
place('nakhodka', 'Nakhodka commercial sea port', 'Находка', 'RU', 'port', 132.88500, 42.80000,
      'port coordinates 42°48′N 132°53′E from twwiki \'納霍德卡港\' (via search tool), placed on the west shore of Nakhodka Bay')
place('vostochny', 'Vostochny port (Wrangel Bay)', 'Восточный', 'RU', 'port', 133.06667, 42.73333,
      'port coordinate 42°44′N 133°04′E (Chinese encyclopaedia entry \'东方港\' (Vostochny port) on 95408.com, \'海湾港经纬度\', via search tool), given to the minute, so within about 1 km; the earlier general-knowledge point was 1.4 km west of it')
# the Friendship Bridge over the Tumen
place('friendship_bridge', 'Korea–Russia Friendship Bridge over the Tumen', 'Мост Дружбы / 조로친선다리', 'RU', 'bridge', 130.64110, 42.41520,
      'position 42.4152, 130.6411 as given in the issue, confirmed within 20 m by the rail crossing of the KP–RU boundary at 42.415217 N, 130.641271 E (way 42510186, OpenStreetMap track at the boundary, as listed (with its way id) in kp_sources.md of a public repository\'s OSM build of 2026-10-08, read via the search tool\'s file index) (between Khasan station and Tumangang; 590 m long metal truss bridge of 1959, Jan S. Krogh\'s Geosite via search tool); country RU by convention (the border runs mid-river)',
      capacity=333333, cap_low=166667, cap_high=833333,
      note='single-track dual-gauge (1520/1435) rail bridge (Wikipedia \'Korea Russia Friendship Bridge\' via search tool); no capacity in the texts; assumed 4 Mt/yr (333,333 t/month), the order of the design capacity reported for the reconstructed Khasan–Rajin line (project figure, not in the seeds, source not retrieved in this session); range: 2 Mt/yr (half) to 10 Mt/yr, the additional traffic a further development of the Khasan–Tumangang crossing \"may provide\" (forecast quoted in the Far Eastern Railway article, via search tool)')
# DPRK north-east
place('tumangang', 'Tumangang station (bogie exchange)', '두만강역', 'KP', 'rail_station', 130.60806, 42.42139,
      'ru.wikipedia \'Туманган (станция)\' coordinates 42°25′17″N 130°36′29″E (perceptio mirror, via search tool; the same article: 5 km to Khasan, 49 km to Rajin, 845 km to Pyongyang); the neighbourhood coordinate used before (Wikipedia \'Tumangang\', 42.4216825, 130.6025505) is 0.45 km west',
      transfer='gauge', capacity=83333, cap_low=41667, cap_high=166667,
      note='Russian-gauge trains reach Rajin on the dual-gauge track; cargo for the 1435 network beyond Hongŭi (Hambuk line to Namyang) changes gauge at Tumangang, which has the bogie-exchange and transshipment facilities (Wikipedia \'Hongui line\', \'Khasan (station)\' via search tool); no capacity found: assumed 1 Mt/yr (83,333 t/month); range 0.5–2 Mt/yr (half to double)')
place('hongui', 'Hongŭi junction (Hongŭi line / Hambuk line)', '홍의역', 'KP', 'junction', 130.53660, 42.42550,
      'Wikipedia article \'Hongui station\' coordinates 42°25′32″N 130°32′12″E (via search tool)')
place('sungri_junction', 'Sŏnbong station (junction of the Sŭngri branch)', '선봉역', 'KP', 'junction', 130.37940, 42.35270,
      'Wikipedia \'Sonbong station\' coordinates 42.3527 N, 130.3794 E (via search tool; the mirror prints "W" for E), snapped to the nearest vertex of the Khasan–Rajin line geometry')
place('sungri_refinery', 'Sŭngri refinery (Sŭngri Chemical Complex)', '승리화학련합기업소', 'KP', 'refinery', 130.34861, 42.31194,
      'Wikipedia (de) \'Sŭngri Petrochemical Complex\' coordinates 42°18′43″N 130°20′55″E (via search tool)',
      conv_from='crude_oil', conv_to='oil_products', capacity=166667, cap_low=3000, cap_high=166667,
      note='assumed 2 Mt/yr (166,667 t/month), the annual capacity agreed with the USSR in 1967 (Finnish Wikipedia \'Sŭngrin öljynjalostamo\' via search tool; ~40,000 b/d, 2018 estimate, same page); a design capacity is a ceiling (cap_high); the refinery has run far below it since 1991 (same page): cap_low 3,000 t/month = 36,000 t/yr, the size of Russia\'s whole 2015 oil-product exports to North Korea in the first seed, as the order of what the texts let through')
place('rajin', 'Rajin port', '라진항', 'KP', 'port', 130.29900, 42.23950,
      'approx., from general knowledge; piers at the head of Rajin Bay, ~1.2 km SE of Rajin station (Wikipedia \'Rajin station\' 42.24972, 130.28917 via search tool)')
place('wonjong', 'Wonjong border crossing', '원정', 'KP', 'border_crossing', 130.51900, 42.56550,
      'Korean end of the Quanhe–Wonjong bridge; bridge 42°34′04″N 130°31′21″E (42.5678, 130.5225) from Wikipedia \'Tumen River Bridge\' (via search tool), placed ~0.4 km south of it')
place('namyang', 'Namyang station', '남양', 'KP', 'rail_station', 129.85600, 42.94800,
      'placed from the rail border point: the Namyanggukkyŏng line runs 0.8 km from Namyang station to the border on the Tumen rail bridge (Wikipedia \'Namyanggukkyong Line\', via search tool), which is at 42.949015 N, 129.849287 E (way 199109778, OpenStreetMap track at the boundary, as listed (with its way id) in kp_sources.md of a public repository\'s OSM build of 2026-10-08, read via the search tool\'s file index); this point is 0.56 km from the border point, so within about 1.4 km of the station; the station coordinate itself was not found')
place('hoeryong', 'Hoeryŏng Ch\'ŏngnyŏn station (Korean side of the Sanhe crossing)', '회령청년역', 'KP', 'border_crossing', 129.74250, 42.44490,
      'Wikipedia \'Hoeryong Chongnyon station\' coordinates 42°26′42″N 129°44′33″E (via search tool); the road bridge to Sanhe (Longjing) is near the city, not located: the crossing itself may be more than 2 km from this point')
place('musan', 'Musan (Korean end of the Nanping crossing)', '무산', 'KP', 'border_crossing', 129.21500, 42.22370,
      'Musan station, Wikipedia \'Musan station\' coordinates 42°13′25″N 129°12′54″E (via search tool), the terminus of the Musan line in Musan-ŭp; the Nanping port faces Ch\'ilsŏng-ri (七星里) in Musan county (chinadragontours.com \'Nanping Border Port\', via search tool): the bridge itself was not located and may be more than 2 km from this point')
place('chongjin', 'Chongjin port', '청진항', 'KP', 'port', 129.82040, 41.78160,
      'Global Energy Monitor wiki \'Chongjin Port\' coordinates 41.7816, 129.8204 (approximate; via search tool)')
# DPRK north-west / centre
place('sinuiju', 'Sinuiju (Sinuiju Chongnyon station)', '신의주', 'KP', 'border_crossing', 124.40180, 40.10700,
      'Wikipedia article \'Sinuiju Chongnyon Station\' coordinates 40°06′25″N 124°24′06″E (via search tool)')
place('ponghwa_refinery', 'Ponghwa Chemical Factory (refinery, Paegma-ri)', '봉화화학공장', 'KP', 'refinery', 124.61000, 40.05000,
      'approx., not located: Paegma-ri, P\'ihyŏn County (livedoor news / Asia Press; nocutnews.co.kr 2017 also places the factory in P\'ihyŏn County; both via search tool); no coordinate found, may be off by more than 2 km',
      conv_from='crude_oil', conv_to='oil_products', capacity=125000, cap_low=41667, cap_high=250000,
      note='North Korea\'s only operating refinery, fed by the Dandong pipeline (38 North, Bermudez & Ahn 2015; Reuters 2017, via search tool); 38 North says published estimates of its maximum capacity have grown over the years; nocutnews.co.kr (2017, via search tool) gives a first stage of 1 Mt/yr (1978) and 2.5 Mt/yr of crude after the second stage (1980), inside the range below; assumed 1.5 Mt/yr (125,000 t/month); range: 0.5 Mt/yr, the crude it actually receives (\"about 500,000 tons\" a year in the first seed), to 3 Mt/yr, the pipeline\'s design capacity')
place('dandong_oil_depot', 'Dandong crude oil depot (pipeline head)', '丹东 输油站', 'CN', 'oil_terminal', 124.33000, 40.16500,
      'approx., not located: the pipeline starts at a crude storage depot in the Dandong outskirts, named Basan (八三) by nocutnews.co.kr 2017 (livedoor news; Reuters 2017; nocutnews; via search tool); placed ~7 km NW of the Friendship Bridge so that the pipeline is about its published 30 km (Global Energy Monitor \'Dandong-Sinuiju Oil Pipeline\'); position uncertain by several km')
place('dandong', 'Dandong (Sino-Korean Friendship Bridge)', '丹东', 'CN', 'border_crossing', 124.38660, 40.11920,
      'placed from the bridge: the Dandong bridgehead, 0.5 km NW of the bridge midpoint 40°6′59″N 124°23′26″E (Wikipedia (de) \'Chinesisch-koreanische Freundschaftsbrücke\', via search tool; the rail track crosses the boundary at 40.115133 N, 124.392329 E, way 288979790, OpenStreetMap track at the boundary, as listed (with its way id) in kp_sources.md of a public repository\'s OSM build of 2026-10-08, read via the search tool\'s file index)')
place('new_yalu_bridge_cn', 'New Yalu River Bridge, Chinese end (Dandong New District)', '新鸭绿江大桥', 'CN', 'bridge', 124.36200, 40.04100,
      'bridge coordinate 40°2′8″N 124°22′10″E (40.03556, 124.36944) from Wikipedia \'New Yalu River Bridge\' (via search tool); end placed ~0.8 km NW of it along the bridge (3 km with approaches)')
place('new_yalu_bridge_kp', 'New Yalu River Bridge, Korean end (Sinuiju)', '조중압록강다리', 'KP', 'bridge', 124.37700, 40.03000,
      'bridge coordinate 40.03556, 124.36944 (Wikipedia \'New Yalu River Bridge\', via search tool); end placed ~0.9 km SE of it')
place('jian', 'Ji\'an (Ji\'an–Manpo railway bridge, Chinese end)', '集安', 'CN', 'border_crossing', 126.27300, 41.15800,
      'Wikipedia \'Ji\'an Yalu River Border Railway Bridge\' coordinates 41°9′21″N 126°16′20″E (41.15583, 126.27222) (via search tool); Chinese end ~0.3 km N of that point (bridge 589 m)')
place('manpo', 'Manp\'o (Ji\'an–Manpo railway bridge, Korean end)', '만포', 'KP', 'border_crossing', 126.27150, 41.15350,
      'Wikipedia \'Ji\'an Yalu River Border Railway Bridge\' 41.15583, 126.27222 (via search tool); Korean end ~0.3 km S of that point; Manp\'o Ch\'ŏngnyŏn station is 3.6 km further (Wikipedia \'Manpo Line\')')
place('changbai', 'Changbai (Changbai–Hyesan bridge, Chinese end)', '长白', 'CN', 'border_crossing', 128.17550, 41.40760,
      'Wikipedia \'Changbai–Hyesan International Bridge\' coordinates 41°24′25″N 128°10′30″E (41.4069, 128.1750) (via search tool); bridge 148 m, ends placed ~80 m either side')
place('hyesan', 'Hyesan (Changbai–Hyesan bridge, Korean end)', '혜산', 'KP', 'border_crossing', 128.17450, 41.40620,
      'Wikipedia \'Changbai–Hyesan International Bridge\' 41.4069, 128.1750 (via search tool); Korean end ~80 m S')
place('sunchon', 'Sunch\'ŏn station (P\'yŏngra / Manp\'o lines)', '순천역', 'KP', 'junction', 125.93670, 39.42280,
      'Wikipedia \'Sunchon station\' coordinates 39.4228 N, 125.9367 E (via search tool; the mirror prints "W" for E)')
place('pyongyang', 'Pyongyang', '평양', 'KP', 'city', 125.73806, 39.01944,
      'Wikipedia \'Pyongyang\' infobox 39°1′10″N 125°44′17″E (checked via search tool): city centre')
place('nampo', 'Nampo port', '남포항', 'KP', 'port', 125.38500, 38.72500,
      'approx., from general knowledge: port quays on the north bank of the Taedong estuary; Wikipedia \'Nampo\' gives the city at 38°44′08″N 125°24′32″E (via search tool), 2.4 km NE of this point')
# China
place('tumen', 'Tumen (border bridge, Tumen City)', '图们', 'CN', 'border_crossing', 129.84900, 42.95800,
      'placed from the bridges: Chinese end of the Tumen border bridges, 1.0 km N of the rail border point 42.949015 N, 129.849287 E (way 199109778, OpenStreetMap track at the boundary, as listed (with its way id) in kp_sources.md of a public repository\'s OSM build of 2026-10-08, read via the search tool\'s file index) and 0.4 km W of the road bridge 42°57′16″N 129°51′3″E (wikimapia \'Tumen Daqiao\', via search tool); Tumen station is 3.3 km from Namyang by rail (Wikipedia \'Namyanggukkyong Line\')')
place('quanhe', 'Quanhe border crossing (Hunchun)', '圈河口岸', 'CN', 'border_crossing', 130.52550, 42.57050,
      'Chinese end of the Quanhe–Wonjong bridge; bridge 42.5678, 130.5225 from Wikipedia \'Tumen River Bridge\' (via search tool), ~0.4 km N of it')
place('hunchun', 'Hunchun (rail station and road hub)', '珲春', 'CN', 'rail_station', 130.36600, 42.86300,
      'Hunchun city, Wikipedia \'Hunchun\' coordinates 42°51′47″N 130°21′58″E (via search tool); the railway station itself was not located: it may be more than 2 km from this point')
place('sanhe', 'Sanhe crossing (Longjing), Chinese end', '三合口岸', 'CN', 'border_crossing', 129.75500, 42.46000,
      'approx., not located: opposite Hoeryŏng across the Tumen (Wikipedia \'Hoeryong\': Sanhe in Longjing is the closest Chinese town across the river; the Sanhe port is 48 km from Longjing, People\'s Daily 2015; both via search tool); no coordinate found, may be off by more than 2 km')
place('nanping', 'Nanping crossing (Helong), Chinese end', '南坪口岸', 'CN', 'border_crossing', 129.23000, 42.24000,
      'approx., not located: Nanping town (Helong) across the Tumen, facing Ch\'ilsŏng-ri in Musan county (chinadragontours.com \'Nanping Border Port\'); \'a small distance downstream\' of Musan (drben.net); both via search tool; no coordinate found, may be off by more than 2 km')
place('dalian', 'Dalian port (Dagang)', '大连港', 'CN', 'port', 121.65472, 38.92889,
      'en.wikipedia \'Port of Dalian\' (revision of 28 February 2015, via search tool): "The Port of Dalian is located on the Yellow Sea at 38°55′44″N and 121°39′17″" (E), i.e. 38.92889, 121.65472; the earlier general-knowledge point was 0.9 km east of it')

# ---------------------------------------------------------------- geometry helpers
def nearest(coords, xy):
    return min(range(len(coords)), key=lambda i: dist_km(coords[i], xy))

def snap(coords, a, b):
    """Replace the end vertices by the places' positions."""
    c = [list(p) for p in coords]
    c[0] = list(P[a]['_xy']); c[-1] = list(P[b]['_xy'])
    return c

# Khasan–Rajin (existing geodata/ geometry, 86 vertices, traced along the line) split at bridge, Tumangang, Hongui, Sungri junction
KR = old_geom('khasan_rajin_rail')
i_br = nearest(KR, P['friendship_bridge']['_xy'])
i_tg = nearest(KR, P['tumangang']['_xy'])
i_hg = nearest(KR, P['hongui']['_xy'])
i_sg = nearest(KR, P['sungri_junction']['_xy'])
P['sungri_junction']['_xy'] = [round(KR[i_sg][0], 5), round(KR[i_sg][1], 5)]
assert 0 < i_br < i_tg < i_hg < i_sg < len(KR) - 1, (i_br, i_tg, i_hg, i_sg)
G = {}
G['khasan_bridge'] = snap(KR[:i_br + 1], 'khasan', 'friendship_bridge')
G['bridge_tumangang'] = snap(KR[i_br:i_tg + 1], 'friendship_bridge', 'tumangang')
G['tumangang_hongui'] = snap(KR[i_tg:i_hg + 1], 'tumangang', 'hongui')
G['hongui_sungri_junction'] = snap(KR[i_hg:i_sg + 1], 'hongui', 'sungri_junction')
G['sungri_junction_rajin'] = snap(KR[i_sg:], 'sungri_junction', 'rajin')

def line(a, b, mid):
    return [list(P[a]['_xy'])] + [list(p) for p in mid] + [list(P[b]['_xy'])]

import trace as TR
_LR = TR.land_ring()
_KP = TR.country_ring('KP')
_inKP = TR.in_country('KP')
def coast(a, b, km=1.5, via=None):
    """Natural Earth coastline between a and b, moved km inland, thinned to >= 0.8 km spacing."""
    return TR.thin(TR.inset(TR.ring_path(_LR, a, b, via), TR.on_land, km))
def kp_border(a, b, km=1.0, via=None):
    """North Korea's border (the Tumen) between a and b, moved km inside North Korea."""
    return TR.thin(TR.inset(TR.ring_path(_KP, a, b, via), _inKP, km))
def seq(a, b, *parts):
    out = [list(P[a]['_xy'])]
    for p in parts:
        out += [list(q) for q in p]
    return out + [list(P[b]['_xy'])]

# vertices (lon, lat) at the approximate positions of the main stations / towns on each line (general knowledge)
G['vladivostok_baranovsky'] = line('vladivostok', 'baranovsky', [
    (131.892, 43.135), (131.905, 43.160), (131.935, 43.178), (131.975, 43.200),  # Vtoraya Rechka, Sedanka
    (132.010, 43.245), (132.045, 43.290), (132.060, 43.320),  # Ugolnaya
    (132.020, 43.345), (131.975, 43.370),  # Artyom-1 / Nadezhdinskaya
    (131.935, 43.430), (131.915, 43.500), (131.910, 43.545),  # Razdolnoye
    (131.925, 43.610), (131.945, 43.680)])
G['baranovsky_makhalino'] = line('baranovsky', 'makhalino', [
    (131.930, 43.700), (131.880, 43.665),  # Olenevod
    (131.830, 43.610), (131.790, 43.550),  # Vinevitino
    (131.755, 43.480), (131.725, 43.410),  # Provalovo / Amursky Zaliv
    (131.690, 43.330), (131.640, 43.250), (131.600, 43.170), (131.575, 43.110),  # Primorsky
    (131.555, 43.050), (131.520, 42.990), (131.470, 42.940),  # Kedrovy, Narva
    (131.420, 42.890), (131.370, 42.830), (131.330, 42.790),  # Bamburovo, Blyukher (Slavyanka)
    (131.270, 42.780), (131.210, 42.770),  # Ryazanovka
    (131.140, 42.740), (131.070, 42.705), (131.000, 42.680),  # Sukhanovka
    (130.930, 42.655), (130.870, 42.650),  # Gvozdevo
    (130.815, 42.665)])
G['makhalino_khasan'] = line('makhalino', 'khasan', [
    (130.735, 42.640), (130.715, 42.590), (130.700, 42.540), (130.690, 42.500), (130.670, 42.465)])
G['makhalino_kamyshovaya'] = line('makhalino', 'kamyshovaya', [
    (130.735, 42.705), (130.705, 42.740), (130.675, 42.775)])
G['kamyshovaya_hunchun'] = line('kamyshovaya', 'hunchun', [
    (130.590, 42.820), (130.520, 42.835), (130.450, 42.850), (130.400, 42.858)])
G['kraskino_hunchun_road'] = line('kraskino', 'hunchun', [
    (130.740, 42.730), (130.680, 42.770), (130.620, 42.810), (130.560, 42.830), (130.480, 42.850), (130.410, 42.858)])
# Hambuk line Hongui -> Namyang (upstream along the Tumen: Songhak, Sin'gon, Hunyung, Unsong/Onsong)
G['hongui_namyang'] = line('hongui', 'namyang', [
    (130.505, 42.445), (130.470, 42.470), (130.420, 42.490), (130.380, 42.520),  # Songhak
    (130.330, 42.560), (130.290, 42.600), (130.250, 42.640),  # Ch'undu, Sin'gŏn (Kyŏngwŏn)
    (130.200, 42.690), (130.160, 42.740), (130.120, 42.790),  # Hunyung
    (130.080, 42.840), (130.040, 42.890), (129.995, 42.935),  # Unsŏng (Onsŏng)
    (129.960, 42.965), (129.920, 42.975), (129.880, 42.960)])
# Hambuk line Namyang -> Hoeryong -> Chongjin (along the Tumen to Hoeryong, then over the hills via Komusan, Puryong)
G['namyang_hoeryong'] = line('namyang', 'hoeryong', [
    (129.840, 42.930), (129.825, 42.890), (129.820, 42.850),  # Kangalli (Tonggwan), Chongsong
    (129.800, 42.800), (129.790, 42.750), (129.775, 42.700), (129.770, 42.650),  # Sambong
    (129.760, 42.600), (129.755, 42.550), (129.750, 42.500)])  # Kŭmsaeng
G['hoeryong_chongjin'] = line('hoeryong', 'chongjin', [
    (129.720, 42.400), (129.700, 42.350), (129.690, 42.300), (129.680, 42.250),  # Chŏn'gŏri
    (129.660, 42.200), (129.665, 42.150), (129.690, 42.100),  # Ch'angp'yŏng, Komusan
    (129.710, 42.050), (129.720, 42.000), (129.735, 41.950),  # Puryŏng
    (129.720, 41.900), (129.725, 41.850), (129.760, 41.810)])  # Susŏng
# P'yŏngra line Pyongyang -> Sunchon -> Kowon -> Hamhung -> Kimchaek -> Kilju -> Chongjin -> Rajin
G['pyongyang_sunchon'] = line('pyongyang', 'sunchon', [
    (125.735, 39.075), (125.785, 39.130), (125.835, 39.200), (125.870, 39.280), (125.900, 39.360)])
G['sunchon_chongjin'] = line('sunchon', 'chongjin', [
    (126.000, 39.470), (126.080, 39.480), (126.180, 39.440), (126.280, 39.390), (126.340, 39.340),  # Sinch'ang, Sinsŏngch'ŏn
    (126.450, 39.300), (126.560, 39.260), (126.650, 39.240), (126.760, 39.260), (126.880, 39.300),  # Yangdŏk
    (127.000, 39.340), (127.100, 39.380), (127.180, 39.410), (127.24944, 39.44000),  # Kowŏn
    (127.300, 39.480), (127.330, 39.560), (127.360, 39.640), (127.390, 39.720), (127.410, 39.790),  # Kŭmya, Chŏngp'yŏng
    (127.460, 39.860), (127.540, 39.920),  # Hamhŭng
    (127.660, 39.950), (127.800, 39.975), (127.960, 40.030),  # T'oejo, Hongwŏn
    (128.080, 40.040), (128.180, 40.040), (128.260, 40.110), (128.320, 40.190),  # Sinp'o, Pukch'ŏng
    (128.450, 40.260), (128.580, 40.320), (128.680, 40.360), (128.800, 40.400), (128.910, 40.460),  # Riwŏn, Tanch'ŏn
    (129.000, 40.530), (129.080, 40.590), (129.150, 40.640), (129.190, 40.670),  # Kimch'aek
    (129.240, 40.740), (129.290, 40.850), (129.330, 40.960),  # Kilju
    (129.400, 41.060), (129.470, 41.160), (129.560, 41.260), (129.640, 41.360),  # Myŏngch'ŏn, Orang
    (129.630, 41.470), (129.610, 41.580), (129.660, 41.690), (129.740, 41.760)])  # Kyŏngsŏng, Ranam
G['chongjin_rajin'] = line('chongjin', 'rajin', [
    (129.850, 41.850), (129.880, 41.900), (129.930, 41.960), (129.990, 42.020),  # Ch'ŏngam
    (130.060, 42.080), (130.130, 42.130), (130.200, 42.180), (130.260, 42.225)])
# P'yŏngŭi line Pyongyang -> Sinuiju
G['pyongyang_sinuiju'] = line('pyongyang', 'sinuiju', [
    (125.7261, 39.0531),  # Sŏp'yŏngyang station (de.wikipedia)
    (125.735, 39.090), (125.720, 39.150), (125.685, 39.200),  # Sŏp'o, Kalli, Sunan (approx.)
    (125.660, 39.270), (125.645, 39.330), (125.630, 39.410), (125.610, 39.460),  # Sŏgam, Ŏp'a, Sukch'ŏn, Nisŏ (approx.)
    (125.5906, 39.4978),  # Mundŏk station (Wikipedia)
    (125.600, 39.560),  # Taegyo (approx.)
    (125.6033, 39.6011), (125.6056, 39.6352), (125.5908, 39.6489),  # Sinanju Ch'ŏngnyŏn, Ch'ŏngch'ŏn'gang, Maengjung-ri (Wikipedia)
    (125.500, 39.670), (125.400, 39.680), (125.300, 39.690),  # Unjŏn area (approx.)
    (125.2156, 39.6864),  # Chŏngju Ch'ŏngnyŏn (Wikipedia)
    (125.080, 39.690), (124.990, 39.750),  # Kwaksan (approx.)
    (124.9189, 39.7989), (124.8206, 39.8349),  # Sŏnch'ŏn, Ch'ŏnggang (Wikipedia)
    (124.700, 39.870),  # Tongrim area (approx.)
    (124.6022, 39.8947),  # Yŏmju (Wikipedia)
    (124.520, 39.940),
    (124.4578, 39.9860),  # Ryongch'ŏn (Wikipedia)
    (124.510, 40.005), (124.515, 40.045), (124.450, 40.060), (124.425, 40.085)])  # round the estuary inlet of the Natural Earth coast, South Sinŭiju (approx.)
# Manp'o line Sunch'ŏn -> Manp'o
G['sunchon_manpo'] = line('sunchon', 'manpo', [
    (125.910, 39.520), (125.900, 39.620), (125.900, 39.700),  # Ch'ŏndong, Kaech'ŏn
    (125.960, 39.800), (126.030, 39.870),  # Kujang
    (126.120, 39.930), (126.230, 39.990), (126.270, 40.080), (126.280, 40.170),  # Myohyangsan, Hŭich'ŏn
    (126.330, 40.270), (126.380, 40.370), (126.420, 40.480), (126.440, 40.590), (126.480, 40.680),  # Kaego, Chŏnch'ŏn
    (126.530, 40.780), (126.580, 40.870), (126.600, 40.970),  # Sŏnggan, Kanggye
    (126.560, 41.030), (126.480, 41.080), (126.400, 41.110), (126.320, 41.140)])  # Ssangbu, Sijung, Kŏnha
# short crossings and spurs
G['sungri_spur'] = line('sungri_junction', 'sungri_refinery', [(130.365, 42.335), (130.352, 42.322)])
G['dandong_bridge'] = old_geom('dandong_sinuiju_bridge')
G['tumen_namyang'] = old_geom('tumen_namyang_rail')
G['quanhe_wonjong'] = old_geom('quanhe_wonjong_road')
G['wonjong_sungri_road'] = None  # built below from the old Wonjong–Rajin road
WR = old_geom('wonjong_rajin_road')
G['wonjong_sungri_road'] = snap(WR[:nearest(WR, P['sungri_refinery']['_xy']) + 1], 'wonjong', 'sungri_refinery')
G['wonjong_rajin_road'] = WR
G['quanhe_hunchun_road'] = line('quanhe', 'hunchun', [(130.500, 42.620), (130.460, 42.700), (130.420, 42.780), (130.385, 42.830)])
G['new_yalu_bridge'] = line('new_yalu_bridge_cn', 'new_yalu_bridge_kp', [(124.36944, 40.03556)])
G['jian_manpo'] = line('jian', 'manpo', [])
G['changbai_hyesan'] = line('changbai', 'hyesan', [])
G['sanhe_hoeryong'] = line('sanhe', 'hoeryong', [(129.748, 42.455)])
G['nanping_musan'] = line('nanping', 'musan', [(129.225, 42.235)])
G['ponghwa_out'] = line('ponghwa_refinery', 'sinuiju', [(124.52, 40.075)])
G['pipeline'] = line('dandong_oil_depot', 'ponghwa_refinery', [
    (124.350, 40.150), (124.370, 40.135), (124.395, 40.125), (124.420, 40.112),  # under the Yalu
    (124.450, 40.100), (124.490, 40.085), (124.530, 40.072), (124.570, 40.060)])
# sea lanes
NR = old_geom('nakhodka_rajin_tanker')
G['nakhodka_rajin'] = NR
# from the located port point (see the place) into the water Natural Earth draws 0.4 km north of it, west
# out of the bay and south to the first network's lane (Natural Earth's coast here is coarse)
G['vostochny_chongjin'] = [list(P['vostochny']['_xy']), [133.062, 42.745], [133.02, 42.745], [132.975, 42.73]] + old_geom('vostochny_chongjin_tanker')[3:]
RAJ_APP = [[130.37, 42.14], [130.32, 42.14], [130.29, 42.17], [130.29, 42.2], [130.297, 42.225], [130.299, 42.2395]]
VL_EXIT = [[131.885, 43.111], [131.886, 43.104], [131.88, 43.095], [131.875, 43.086], [131.86, 43.075], [131.83, 43.072], [131.79, 43.06], [131.74, 43.02]]
G['vladivostok_rajin'] = VL_EXIT + [[131.25, 42.52], [130.50, 42.19], [130.36, 42.15], [130.30, 42.165], [130.29, 42.2], [130.297, 42.225], [130.299, 42.2395]]
G['slavyanka_rajin'] = [list(P['slavyanka']['_xy']), [131.40, 42.855], [131.45, 42.84], [131.47, 42.80], [131.44, 42.70],
                        [131.30, 42.55], [131.10, 42.38], [130.85, 42.24], [130.60, 42.17], [130.45, 42.15]] + RAJ_APP
ND = old_geom('nampo_dalian_coal')
G['nampo_dalian'] = ND
G['dalian_nampo'] = list(reversed(ND))
# Rajin -> Dalian round the Korean peninsula (through the Korea Strait, south of Jeju, up the Yellow Sea)
G['rajin_dalian'] = list(reversed(RAJ_APP)) + [[130.45, 42.10], [130.30, 41.80], [130.00, 41.40], [129.70, 40.70],
    [129.40, 39.90], [128.90, 39.30], [129.00, 38.40], [129.50, 37.40], [129.70, 36.40], [129.70, 35.60],
    [129.40, 34.90], [128.80, 34.50], [127.80, 33.90], [126.60, 33.00], [125.60, 33.30], [124.80, 34.20],
    [124.20, 35.20], [123.80, 36.40], [123.40, 37.60], [123.00, 38.30], [122.60, 38.70]] + ND[-20:]

# ---- located stations and towns used as line vertices (lon, lat), each with its source (see the route notes)
ST = {
    # Trans-Siberian Vladivostok–Baranovsky
    'vladivostok_stn': (131.88155, 43.11116),  # Vladivostok station, km 9288 (89 km to Baranovsky): en.wikipedia 43°6′40.18″N 131°52′53.58″E
    'ugolnaya': (132.0625, 43.30000),       # Trudovoye, station Ugolnaya: de.wikipedia 'Trudowoje (Primorje)' 43°18′N 132°3′45″E; BSE: station Ugolnaya
    'nadezhdinskaya': (131.99167, 43.37083),  # Volno-Nadezhdinskoye (station Nadezhdinskaya): de.wikipedia 43°22′15″N 131°59′30″E
    'razdolnoye': (131.90000, 43.54722),    # Razdolnoye: en.wikipedia 'Razdolnoye, Primorsky Krai' 43°32′50″N 131°54′00″E
    # Baranovsky–Khasan line
    'olenevod': (131.85333, 43.60028),      # Olenevod village (station at km 12): ru.wikipedia 43°36′01″N 131°51′12″E
    # Pyongyang station, km 0 of the P'yŏngŭi and P'yŏngra lines (both run on to Sŏp'yŏngyang: de.wikipedia
    # 'Bahnhof Sop'yŏngyang', en.wikipedia 'Pyongyang station' adjacent stations): ru.wikipedia
    # 'Пхеньян (станция)' 39°00′17″N 125°44′11″E (perceptio mirror, via search tool); en.wikipedia 'Pyongyang
    # Station' gives the same 39°00′17″N (its longitude cut off in the stored copy)
    'pyongyang_stn': (125.73639, 39.00472),
    'sopyongyang': (125.7261, 39.0531),     # Sŏp'yŏngyang station: de.wikipedia 39°3′11″N 125°43′34″E
    # P'yŏngra line
    'kumya': (127.24910, 39.54090),         # Kŭmya station: en.wikipedia 'Kumya station' 39°32′27″N 127°14′57″E
    'hamhung': (127.53300, 39.91700),       # Hamhŭng city: en.wikipedia 'Hamhung' 39°55′N 127°32′E (station not located)
    'tanchon': (128.91100, 40.45800),       # Tanch'ŏn city: en.wikipedia 'Tanchon' 40°27′29″N 128°54′40″E (station not located)
    'sosang': (129.6982, 42.1519),          # Sŏsang station (Musan line), 0.33 km from the Hambuk line: en.wikipedia 42°09′07″N 129°41′54″E
    'chongjin_stn': (129.79861, 41.79306),  # Ch'ŏngjin Ch'ŏngnyŏn station: en.wikipedia 41°47′35″N 129°47′55″E
    # Manp'o line
    'kaechon': (125.88690, 39.70260),       # Kaech'ŏn station (km 38.9): en.wikipedia 'Kaechon station' 39°42′09″N 125°53′13″E
    'kujang': (126.02290, 39.87050),        # Kujang Ch'ŏngnyŏn station (km 63.0): en.wikipedia {{coord|39.8705|126.0229}}
    'manpo_stn': (126.28220, 41.15180),     # Manp'o Ch'ŏngnyŏn station (km 299.8): en.wikipedia 41°09′06″N 126°16′56″E
}

# ---- refinements: follow the coast / the Tumen where the line does (see each route's note)
G['vladivostok_baranovsky'] = seq('vladivostok', 'baranovsky', [ST['vladivostok_stn']], coast((131.885, 43.125), ST['ugolnaya'], 1.0), [ST['ugolnaya']],
    coast(ST['ugolnaya'], (132.00, 43.345), 1.0), [ST['nadezhdinskaya'], (131.96, 43.42), (131.93, 43.48), ST['razdolnoye']])
G['baranovsky_makhalino'] = seq('baranovsky', 'makhalino',
    [ST['olenevod'], (131.79, 43.55), (131.755, 43.48)],
    [(131.725, 43.410), (131.700, 43.340), (131.670, 43.270), (131.640, 43.200), (131.610, 43.140), (131.580, 43.100)],
    coast((131.57, 43.08), (131.50, 43.00), 2.0),
    [(131.40, 43.00), (131.35, 42.95), (131.34, 42.90), (131.33, 42.85), (131.33, 42.81), (131.27, 42.80), (131.21, 42.79), (131.14, 42.76), (131.07, 42.72), (131.00, 42.715), (130.93, 42.72), (130.87, 42.73)])
G['makhalino_khasan'] = seq('makhalino', 'khasan',
    [(130.77, 42.715), (130.70, 42.707), (130.66, 42.695), (130.645, 42.665), (130.65, 42.64), (130.67, 42.61), (130.69, 42.58), (130.68, 42.52), (130.67, 42.48), (130.655, 42.45)])
G['makhalino_kamyshovaya'] = seq('makhalino', 'kamyshovaya', [(130.76, 42.75), (130.71, 42.77), (130.675, 42.79)])
G['hongui_namyang'] = seq('hongui', 'namyang', TR.thin(kp_border((130.54, 42.43), (129.87, 42.95), 1.5), 2.5))
G['namyang_hoeryong'] = seq('namyang', 'hoeryong', kp_border((129.85, 42.95), (129.75, 42.45), 1.0))
# near Komusan the Hambuk line passes 330 m from Sŏsang station on the Musan line (namu.wiki mirror tcatmon.com
# '석봉역', via search tool): Sŏsang's coordinate replaces the approximate vertex 2.8 km west of it
G['hoeryong_chongjin'] = [list(ST['sosang']) if p == [129.665, 42.150] else p for p in G['hoeryong_chongjin']]
G['hoeryong_chongjin'] = G['hoeryong_chongjin'][:-1] + [ST['chongjin_stn']]  # through Ch'ŏngjin Ch'ŏngnyŏn station, then the port branch
G['sunchon_chongjin'] = seq('sunchon', 'chongjin',
    [(126.000, 39.470), (126.080, 39.480), (126.180, 39.440), (126.280, 39.390), (126.340, 39.340),
     (126.450, 39.300), (126.560, 39.260), (126.650, 39.240), (126.760, 39.260), (126.880, 39.300),
     (127.000, 39.340), (127.100, 39.380), (127.180, 39.410), (127.24944, 39.44000),
     ST['kumya'], (127.360, 39.640), (127.390, 39.720), (127.410, 39.790),
     (127.460, 39.860), ST['hamhung'], (127.660, 39.950), (127.800, 39.985), (127.960, 40.060)],
    coast((128.10, 40.03), (128.92, 40.44), 1.5), coast((128.92, 40.44), (129.19, 40.66), 1.5),
    [(129.24, 40.74), (129.29, 40.85), (129.3233, 40.9609), (129.40, 41.06), (129.47, 41.16), (129.56, 41.26)],
    coast((129.63, 41.37), (129.76, 41.76), 1.5), [ST['chongjin_stn']])
G['chongjin_rajin'] = seq('chongjin', 'rajin', [ST['chongjin_stn']], coast((129.86, 41.82), (130.29, 42.22), 1.5))
# the P'yŏngŭi and P'yŏngra lines start at Pyongyang station and run through Sŏp'yŏngyang (sourced in ST)
G['pyongyang_sinuiju'] = G['pyongyang_sinuiju'][:1] + [list(ST['pyongyang_stn'])] + G['pyongyang_sinuiju'][1:]
G['pyongyang_sunchon'] = G['pyongyang_sunchon'][:1] + [list(ST['pyongyang_stn']), list(ST['sopyongyang'])] + G['pyongyang_sunchon'][1:]
G['sunchon_manpo'] = [list(ST['kaechon']) if p == [125.900, 39.700] else list(ST['kujang']) if p == [126.030, 39.870] else p
                      for p in G['sunchon_manpo']]
G['sunchon_manpo'] = G['sunchon_manpo'][:-1] + [list(ST['manpo_stn'])] + G['sunchon_manpo'][-1:]

# ---------------------------------------------------------------- routes
R = []
def route(id, name, mode, a, b, two_way, commodity, geom, **kw):
    g = [list(p) for p in geom]
    if dist_km(g[0], P[a]['_xy']) > 0.05: g = [list(P[a]['_xy'])] + g
    if dist_km(g[-1], P[b]['_xy']) > 0.05: g = g + [list(P[b]['_xy'])]
    R.append(dict(id=id, name=name, mode=mode, from_id=a, to_id=b, two_way=two_way, commodity=commodity, _g=g, **kw))

exec(open(os.path.join(os.path.dirname(__file__), 'routes_table.py'), encoding='utf-8').read())

# ---------------------------------------------------------------- write
def fmt_num(v):
    return v
def typographic(props):
    # Straight double quotes in our own notes become curly ones, so the GeoJSON has no escapes
    # (corridor's fast reader hands escaped strings to OGR); seed quotes stay verbatim.
    for k, v in props.items():
        if isinstance(v, str) and k not in ('quote', 'obs_quote') and '"' in v:
            props[k] = re.sub(r'"([^"]*)"', '\u201c\\1\u201d', v)
    return props
def write(path, feats):
    with open(path, 'w', encoding='utf-8') as f:
        f.write('{\n"type": "FeatureCollection",\n"features": [\n')
        f.write(',\n'.join(json.dumps(x, ensure_ascii=False, separators=(',', ':')) for x in feats))
        f.write('\n]\n}\n')

pf = []
for p in P.values():
    props = typographic({k: v for k, v in p.items() if not k.startswith('_')})
    pf.append({'type': 'Feature', 'properties': props, 'geometry': {'type': 'Point', 'coordinates': p['_xy']}})
rf = []
report = []
for r in R:
    props = typographic({k: v for k, v in r.items() if not k.startswith('_') and k != 'published_km'})
    g = [[round(x, 5), round(y, 5)] for x, y in r['_g']]
    rf.append({'type': 'Feature', 'properties': props, 'geometry': {'type': 'LineString', 'coordinates': g}})
    L = length_km(g)
    sea = r['mode'] in ('ferry', 'tanker', 'bulk')
    bad = landcheck.check(g, sea) if r['mode'] not in ('bridge', 'pipeline') else []
    report.append((r['id'], r['mode'], len(g), round(L, 1), r.get('published_km'), len(bad), bad[:3]))
os.makedirs('geodata', exist_ok=True)
write('geodata/places.geojson', pf)
write('geodata/routes.geojson', rf)
json.dump([dict(id=a, mode=b, vertices=c, length_km=d, published_km=e, land_findings=f) for a, b, c, d, e, f, _ in report],
          open('geodata/make/lengths.json', 'w'), indent=1, ensure_ascii=False)
# sections between located stations of a route, against the published km posts (docs: the lengths table)
SECTIONS = [
    ('manpo_sunchon_kaechon', 'sunchon_manpo_rail', P['sunchon']['_xy'], ST['kaechon'], 38.9),
    ('manpo_kaechon_kujang', 'sunchon_manpo_rail', ST['kaechon'], ST['kujang'], 63.0 - 38.9),
    ('manpo_kujang_manpo', 'sunchon_manpo_rail', ST['kujang'], ST['manpo_stn'], 299.8 - 63.0),
    ('pyongui_pyongyang_stn_sinuiju', 'sinuiju_pyongyang_rail', ST['pyongyang_stn'], P['sinuiju']['_xy'], 225.1),
    ('hambuk_hoeryong_chongjin_stn', 'hoeryong_chongjin_rail', P['hoeryong']['_xy'], ST['chongjin_stn'], 92.6),
]
geoms = {f['properties']['id']: f['geometry']['coordinates'] for f in rf}
sections = []
for sid, rid, a, b, pub in SECTIONS:
    g = geoms[rid]
    ia, ib = nearest(g, a), nearest(g, b)
    assert dist_km(g[ia], a) < 0.05 and dist_km(g[ib], b) < 0.05, sid
    sections.append(dict(id=sid, route=rid, length_km=round(length_km(g[min(ia, ib):max(ia, ib) + 1]), 1),
                         straight_km=round(dist_km(a, b), 1), published_km=round(pub, 1)))
json.dump(sections, open('geodata/make/sections.json', 'w'), indent=1, ensure_ascii=False)
for row in report:
    flag = ''
    if row[4]:
        dev = (row[3] - row[4]) / row[4] * 100
        flag = f'{dev:+.1f}%' + (' !!' if abs(dev) > 10 else '')
    print(*row[:6], flag, row[6] if row[5] else '')
print(len(P), 'places', len(R), 'routes')
