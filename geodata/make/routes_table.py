# Routes for geodata-next (exec'd by build.py; uses route(), G, P, S0, S2).
# Capacities: annual_t in t/yr, capacity in t/month, payload_t t/trip, trips_mo trips/month.
APPROX = ('geometry: vertices at the approximate positions of the line\'s main stations/towns named in the note '
          '(general knowledge, not traced from a map or OSM; station names from the Wikipedia route diagram of the line)')
KR_GEOM = ('geometry: the geodata/ Khasan–Rajin trace (86 vertices along the alignment across the bridge, through Tumangang, Hongŭi and Sŏnbong), split here at the vertices nearest the places')
QR = 'A Russian-built railway between the eastern Russian border town of Khasan and the North Korean port of Rajin has been used to carry coal, metals and oil products.'
QEXP = 'Russia Railways representatives visited North Korea to discuss an expansion of the Rajin-Hasan railway, which links Russia to the Korean peninsula'
QTANK = 'Last Thursday, five North Korean-flagged oil tankers loaded up at Vladivostok-area ports and identified North Korea as their destination.'
QSIB = 'Siberian oil companies have sometimes sold fuel to North Korea via a supply route linking Vladivostok to Rajin'
QRESALE = 'the DPRK has processed Siberian oil in chemical plants and resold it to Chinese consumers'
QCOAL = 'Coal has accounted for 34-40 percent of North Korean exports in the past several years, and almost all of it was shipped to China'
RU_ALL = 'cargo,coal,metals,oil_products'
KR_CAP = dict(annual_t=4000000, ann_low=2000000, ann_high=5000000, basis='assumed')
KR_NOTE = ('no capacity in the texts; assumed 4 Mt/yr, the order of the design capacity reported for the reconstructed Khasan–Rajin line and Rajin terminal (project figure, not in the seeds; source not retrieved in this session); '
           'range 2–5 Mt/yr, from half the assumed design order (a line run below design) to a quarter above it')

# --- Russia
route('vladivostok_baranovsky_rail', 'Trans-Siberian Vladivostok–Ugolnaya–Razdolnoye–Baranovsky', 'rail', 'vladivostok', 'baranovsky', True, RU_ALL,
      G['vladivostok_baranovsky'], gauge='1520', annual_t=20000000, ann_low=10000000, ann_high=30000000, basis='assumed', published_km=90,
      note='no capacity in the texts; the double-track electrified Trans-Siberian is not the constraint here: assumed 20 Mt/yr for the share available to this corridor, range half to one and a half times (no published section capacity found). ' + APPROX + ': Vtoraya Rechka, Sedanka, Ugolnaya, Nadezhdinskaya, Razdolnoye. Published length: about 90 km, derived (Vladivostok–Ussuriysk 112 km, uk.wikipedia, less Ussuriysk–Baranovsky ≈22 km = Khasan–Ussuriysk 260 km, cs.wikipedia \'Khasan (station)\', minus Baranovsky–Khasan 238 km)')
route('baranovsky_makhalino_rail', 'Baranovsky–Khasan line: Baranovsky–Primorsky–Bamburovo–Gvozdevo–Makhalino', 'rail', 'baranovsky', 'makhalino', True, RU_ALL,
      G['baranovsky_makhalino'], gauge='1520', annual_t=8000000, ann_low=4000000, ann_high=12000000, basis='assumed', published_km=197,
      note='no capacity in the texts; assumed 8 Mt/yr for the single-track non-electrified line (line class; no published figure found), range half to one and a half times; it carries the Makhalino–Hunchun coal (2.3 Mt in Jan–Aug 2022, 1520international.com) as well as the Khasan traffic. ' + APPROX + ': Olenevod, Vinevitino, Provalovo, Primorsky, Kedrovy, Narva, Bamburovo, Blyukher, Ryazanovka, Sukhanovka, Gvozdevo. Published: Makhalino is at km 197 (route diagram, Wikipedia \'Baranovsky–Khasan line\')')
route('makhalino_khasan_rail', 'Baranovsky–Khasan line: Makhalino–Khasan', 'rail', 'makhalino', 'khasan', True, RU_ALL,
      G['makhalino_khasan'], gauge='1520', annual_t=5000000, ann_low=2500000, ann_high=7500000, basis='assumed', published_km=41,
      note='no capacity in the texts; assumed 5 Mt/yr for the single-track line to the border (line class, a little above the 4 Mt/yr Khasan–Rajin design order), range half to one and a half times. ' + APPROX + ' (past Lake Khasan). Published: km 197 to km 238 = 41 km (Wikipedia \'Baranovsky–Khasan line\')')
route('makhalino_kamyshovaya_rail', 'Makhalino–Kamyshovaya branch (to the Chinese border)', 'rail', 'makhalino', 'kamyshovaya', True, 'cargo,coal',
      G['makhalino_kamyshovaya'], gauge='1520', annual_t=3000000, ann_low=2000000, ann_high=8000000, basis='assumed', published_km=20.3,
      note='no capacity in the texts; assumed 3 Mt/yr, the design capacity of the Makhalino–Hunchun crossing (dv-zvezda.ru 2013, via search tool), range 2 Mt/yr (first stage) to 8 Mt/yr (planned; eurailpress.de 2013). Geometry: straight-ish line between two approximate positions (not traced). Published: the branch is 20.3 km (pravda.ru)')
route('kamyshovaya_hunchun_rail', 'Kamyshovaya–Hunchun (Russia–China rail crossing)', 'rail', 'kamyshovaya', 'hunchun', True, 'cargo,coal',
      G['kamyshovaya_hunchun'], gauge='1435', annual_t=3000000, ann_low=2000000, ann_high=8000000, basis='assumed',
      note='no capacity in the texts; as the Makhalino–Kamyshovaya branch (design 3 Mt/yr; range 2–8 Mt/yr, eurailpress.de / dv-zvezda.ru 2013). Gauge: the Chinese side is 1435; gauge changes at Kamyshovaya (transfer there). Geometry: approximate, not traced; no published length found')
route('kraskino_hunchun_road', 'Kraskino–Hunchun road (Changlingzi crossing)', 'road', 'kraskino', 'hunchun', True, 'cargo',
      G['kraskino_hunchun_road'], annual_t=600000, ann_low=300000, ann_high=900000, basis='assumed',
      note='no capacity in the texts and no figure for this crossing alone; assumed 600,000 t/yr, the same order as the Quanhe crossing\'s design capacity, range half to one and a half times; China Daily (16 Jun 2015) gives 2.1 Mt/yr for Hunchun\'s four road and rail crossings to Russia and North Korea together. Geometry: approximate (a 30 km road from Kraskino to the Hunchun–Changlingzi border was finished in 1995, de.knowledgr.com \'Kraskino\'), not traced')
# --- Khasan–Rajin railway, the real chain
route('khasan_bridge_rail', 'Khasan–Friendship Bridge (dual gauge)', 'rail', 'khasan', 'friendship_bridge', True, 'coal,metals,oil_products,cargo',
      G['khasan_bridge'], gauge='dual', source=S0, quote=QR, note=KR_NOTE + '. ' + KR_GEOM, **KR_CAP)
route('bridge_tumangang_rail', 'Friendship Bridge–Tumangang (dual gauge)', 'rail', 'friendship_bridge', 'tumangang', True, 'coal,metals,oil_products,cargo',
      G['bridge_tumangang'], gauge='dual', source=S0, quote=QR, note=KR_NOTE + '. ' + KR_GEOM, **KR_CAP)
route('tumangang_hongui_rail', 'Hongŭi line Tumangang–Hongŭi (dual gauge)', 'rail', 'tumangang', 'hongui', True, 'coal,metals,oil_products,cargo',
      G['tumangang_hongui'], gauge='dual', source=S0, quote=QR, published_km=9.5,
      note=KR_NOTE + '. ' + KR_GEOM + '. Published: 9.5 km (Wikipedia \'Hongui line\')', **KR_CAP)
route('hongui_sungri_junction_rail', 'Hambuk line Hongŭi–Ungsang–Sŏnbong (dual gauge)', 'rail', 'hongui', 'sungri_junction', True, 'coal,metals,oil_products,cargo',
      G['hongui_sungri_junction'], gauge='dual', source=S2, quote=QEXP, note=KR_NOTE + '. ' + KR_GEOM, **KR_CAP)
route('sungri_junction_rajin_rail', 'Hambuk line Sŏnbong–Rajin (dual gauge)', 'rail', 'sungri_junction', 'rajin', True, 'coal,metals,oil_products,cargo',
      G['sungri_junction_rajin'], gauge='dual', source=S2, quote=QEXP,
      note=KR_NOTE + '. ' + KR_GEOM + '. Published: Hongŭi–Rajin 42.6 km (km 285.6 to 328.2, Wikipedia \'Hambuk Line\'); Khasan–Rajin 54 km (cs.wikipedia \'Khasan (station)\')', **KR_CAP)
route('sungri_spur_rail', 'Sŭngri line spur to the Sŭngri refinery', 'rail', 'sungri_junction', 'sungri_refinery', True, 'oil_products',
      G['sungri_spur'], gauge='1435', annual_t=2000000, ann_low=500000, ann_high=2000000, basis='assumed',
      note='no capacity in the texts; assumed equal to the refinery\'s 1967 design capacity (2 Mt/yr, a ceiling), low 0.5 Mt/yr; gauge assumed 1435 (the Sŭngri line is a standard-gauge Korean State Railway line, Wikipedia (de) \'Sŭngri Petrochemical Complex\'); whether the dual-gauge track reaches the refinery is not known. Geometry: a 3-vertex spur between approximate positions')
# --- Hambuk line
route('hongui_namyang_rail', 'Hambuk line Hongŭi–Songhak–Sin\'gŏn–Namyang', 'rail', 'hongui', 'namyang', True, 'cargo,coal',
      G['hongui_namyang'], gauge='1435', annual_t=1500000, ann_low=750000, ann_high=2250000, basis='assumed', published_km=116.6,
      note='no capacity in the texts; assumed ~1.5 Mt/yr for the single-track electrified line (as geodata/ namyang_chongjin_rail), range half to one and a half times. Standard gauge only: the dual gauge ends at Hongŭi. ' + APPROX + ': Songhak, Ch\'undu, Sin\'gŏn, Hunyung, Unsŏng along the Tumen. Published: Namyang km 169.0 to Hongŭi km 285.6 = 116.6 km (Wikipedia \'Hambuk Line\')')
route('namyang_hoeryong_rail', 'Hambuk line Namyang–Sambong–Hoeryŏng', 'rail', 'namyang', 'hoeryong', True, 'cargo,coal',
      G['namyang_hoeryong'], gauge='1435', annual_t=1500000, ann_low=750000, ann_high=2250000, basis='assumed', published_km=79.5,
      note='no capacity in the texts; assumed ~1.5 Mt/yr, single track, range half to one and a half times. ' + APPROX + ': Kangalli, Chongsŏng, Sambong, Kŭmsaeng. Published: Hoeryŏng Ch\'ŏngnyŏn km 89.5 to Namyang km 169.0 = 79.5 km (Wikipedia \'Hambuk Line\')')
route('hoeryong_chongjin_rail', 'Hambuk line Hoeryŏng–Komusan–Puryŏng–Ch\'ŏngjin', 'rail', 'hoeryong', 'chongjin', True, 'cargo,coal',
      G['hoeryong_chongjin'], gauge='1435', annual_t=1500000, ann_low=750000, ann_high=2250000, basis='assumed', published_km=92.6,
      note='no capacity in the texts; assumed ~1.5 Mt/yr, range half to one and a half times. ' + APPROX + ': Chŏn\'gŏri, Ch\'angp\'yŏng, Komusan, Puryŏng, Susŏng. Published: Ch\'ŏngjin Ch\'ŏngnyŏn km −3.1 to Hoeryŏng km 89.5 = 92.6 km (Wikipedia \'Hambuk Line\')')
# --- P'yongra line
route('pyongyang_sunchon_rail', 'P\'yŏngra line Pyongyang–Sunch\'ŏn', 'rail', 'pyongyang', 'sunchon', True, 'cargo,coal,oil_products',
      G['pyongyang_sunchon'], gauge='1435', annual_t=3000000, ann_low=1500000, ann_high=4500000, basis='assumed',
      note='no capacity in the texts; assumed ~3 Mt/yr for the east-coast trunk line (as geodata/), range half to one and a half times. ' + APPROX + ': Sŏp\'o, Kalli, P\'aesanjŏm. Published: about 58 km on the original P\'yŏngwŏn line route (Pyongyang–Sŏp\'o 11.1 km, hu.wikipedia station table; Sŏp\'o–P\'yŏngsŏng 25.0 km, P\'yŏngsŏng–Sunch\'ŏn 22.3 km, Wikipedia \'Pyongwon Line\'); the present line uses a newer Kalli–P\'aesanjŏm section, length not found')
route('sunchon_chongjin_rail', 'P\'yŏngra line Sunch\'ŏn–Kowŏn–Hamhŭng–Kimch\'aek–Kilju–Ch\'ŏngjin', 'rail', 'sunchon', 'chongjin', True, 'cargo,coal,oil_products',
      G['sunchon_chongjin'], gauge='1435', annual_t=3000000, ann_low=1500000, ann_high=4500000, basis='assumed',
      note='no capacity in the texts; assumed ~3 Mt/yr, range half to one and a half times. ' + APPROX + ': Sinch\'ang, Sinsŏngch\'ŏn, Yangdŏk, Kowŏn, Kŭmya, Chŏngp\'yŏng, Hamhŭng, Hongwŏn, Sinp\'o, Pukch\'ŏng, Tanch\'ŏn, Kimch\'aek, Kilju, Myŏngch\'ŏn, Orang, Kyŏngsŏng, Ranam. Station coordinates from Wikipedia: Sunch\'ŏn, Kowŏn (39.4400, 127.2494), Kilju Ch\'ŏngnyŏn (40.9609, 129.3233). Published: the whole P\'yŏngra line Pyongyang–Rajin is 819 km (issue; the Wikipedia figure was not retrieved in this session); Sunch\'ŏn–Kowŏn was 165.3 km on the original P\'yŏngwŏn line via Sinch\'ang, Changnim, Yangdŏk and Sŏngnae (Wikipedia \'Pyongwon Line\'; a 1993 Puraesan–Kowŏn bypass changed it); the Yangdŏk–Kowŏn mountain section (88.7 km then) is where this polyline is shortest')
route('chongjin_rajin_rail', 'P\'yŏngra line Ch\'ŏngjin–Ch\'ŏngam–Rajin', 'rail', 'chongjin', 'rajin', True, 'cargo,coal,oil_products',
      G['chongjin_rajin'], gauge='1435', annual_t=2000000, ann_low=1000000, ann_high=3000000, basis='assumed',
      note='no capacity in the texts; assumed ~2 Mt/yr for the single-track electrified line (as geodata/ rajin_chongjin_rail), range half to one and a half times. ' + APPROX + ': Ch\'ŏngam, then along the coast to Rajin. Published: no section length found')
# --- P'yongui, Manp'o, Nampo
route('sinuiju_pyongyang_rail', 'P\'yŏngŭi line Sinŭiju–Chŏngju–Sinanju–Pyongyang', 'rail', 'sinuiju', 'pyongyang', True, 'cargo,oil_products,coal',
      list(reversed(G['pyongyang_sinuiju'])), gauge='1435', annual_t=5000000, ann_low=2500000, ann_high=7500000, basis='assumed', published_km=225.1,
      note='no capacity in the texts; assumed ~5 Mt/yr for the main trunk line to China (as geodata/), range half to one and a half times. Geometry: through the Wikipedia coordinates of the stations Sŏp\'yŏngyang, Mundŏk, Sinanju Ch\'ŏngnyŏn, Ch\'ŏngch\'ŏn\'gang, Maengjung-ri, Chŏngju Ch\'ŏngnyŏn, Sŏnch\'ŏn, Ch\'ŏnggang, Yŏmju and Ryongch\'ŏn (the main line runs Yŏmju–Ryongch\'ŏn–South Sinŭiju, not via Paengma: Wikipedia \'Yomju station\'), with approximate vertices between them (Sŏp\'o, Kalli, Sunan, Sŏgam, Ŏp\'a, Sukch\'ŏn, Taegyo, Unjŏn, Kwaksan, Tongrim); near Sinŭiju it bends east round an estuary inlet of the Natural Earth coast, which the real line bridges. Published: 225.1 km (Wikipedia \'Pyongui Line\'); Pyongyang–Mundŏk 62.2 km and –Sinanju 75.7 km (station table, hu.wikipedia \'Phjongi vonal\'); the polyline is 10% short, the curvature between stations')
route('sunchon_manpo_rail', 'Manp\'o line Sunch\'ŏn–Kaech\'ŏn–Hŭich\'ŏn–Kanggye–Manp\'o', 'rail', 'sunchon', 'manpo', True, 'cargo,coal',
      G['sunchon_manpo'], gauge='1435', annual_t=1500000, ann_low=750000, ann_high=2250000, basis='assumed', published_km=303.4,
      note='no capacity in the texts; assumed ~1.5 Mt/yr for the single-track mountain line (ruling grade 24.5‰), range half to one and a half times. ' + APPROX + ': Ch\'ŏndong, Kaech\'ŏn, Kujang, Myohyangsan, Hŭich\'ŏn, Kaego, Chŏnch\'ŏn, Sŏnggan, Kanggye, Ssangbu, Sijung, Kŏnha. Published: 299.8 km to Manp\'o Ch\'ŏngnyŏn + 3.6 km to the border = 303.4 km (Wikipedia \'Manpo Line\')')
route('pyongyang_nampo_rail', 'P\'yŏngnam line Pyongyang–Nampo', 'rail', 'pyongyang', 'nampo', True, 'cargo,coal,oil_products',
      old_geom('pyongyang_nampo_rail'), gauge='1435', annual_t=3000000, ann_low=1500000, ann_high=4500000, basis='assumed',
      note='no capacity in the texts; assumed ~3 Mt/yr feeding Nampo port (as geodata/), range half to one and a half times. Geometry: unchanged from geodata/ (26 vertices, not re-checked); no published length retrieved')
# --- China–DPRK crossings
route('dandong_sinuiju_bridge', 'Sino-Korean Friendship Bridge (rail/road over the Yalu)', 'bridge', 'dandong', 'sinuiju', True, 'cargo,oil_products,coal',
      G['dandong_bridge'], gauge='1435', annual_t=3000000, ann_low=1500000, ann_high=4500000, basis='assumed',
      note='no capacity in the texts (the seeds\' \"90 percent of North Korea\'s trade\" is a share of trade value, not a capacity, and is no longer quoted here); assumed ~3 Mt/yr for the single-track rail and single reversible lane road bridge (trucks under 20 t, Wikipedia \'New Yalu River Bridge\'), range half to one and a half times. Geometry: unchanged from geodata/')
route('new_yalu_bridge_road', 'New Yalu River Bridge (road, built, not opened)', 'bridge', 'new_yalu_bridge_cn', 'new_yalu_bridge_kp', True, 'cargo',
      G['new_yalu_bridge'], annual_t=3000000, ann_low=1500000, ann_high=6000000, basis='assumed', open_from='9999-12-31',
      note='built but closed: construction from October 2011, bridge completed in 2014 (Dong-A Ilbo 2020), opening planned for 30 October 2014 and postponed indefinitely (Wikipedia \'New Yalu River Bridge\'); still not open in the sources found (2020–2021 reports of preparations). open_from 9999-12-31 stands for \"not open\" (no opening date exists). No capacity in the texts; assumed 3 Mt/yr for a multi-lane road bridge (at least the old bridge\'s), range half to double. Geometry: two ends either side of the Wikipedia coordinate')
route('tumen_namyang_rail', 'Tumen–Namyang border bridges (rail and road over the Tumen)', 'bridge', 'tumen', 'namyang', True, 'cargo',
      G['tumen_namyang'], gauge='1435', annual_t=1000000, ann_low=500000, ann_high=1500000, basis='assumed',
      note='no capacity in the texts; assumed ~1 Mt/yr for the single-track rail bridge and road bridge (as geodata/), range half to one and a half times. Geometry: unchanged from geodata/')
route('jian_manpo_rail', 'Ji\'an–Manp\'o railway bridge over the Yalu', 'bridge', 'jian', 'manpo', True, 'cargo',
      G['jian_manpo'], gauge='1435', annual_t=1000000, ann_low=500000, ann_high=1500000, basis='assumed', published_km=0.589,
      note='no capacity in the texts; assumed ~1 Mt/yr for the single-track rail bridge (line class, as Tumen–Namyang), range half to one and a half times; a new road bridge upstream with a road port for 500,000 t/yr opened in April 2019 (Wikipedia; Global Times via novostivl.com) and is not modelled. Geometry: the two ends. Published: bridge 589.23 m (Wikipedia \'Ji\'an Yalu River Border Railway Bridge\')')
route('quanhe_wonjong_road', 'Quanhe–Wonjong road bridges (Tumen River Bridge)', 'road', 'quanhe', 'wonjong', True, 'cargo,oil_products',
      G['quanhe_wonjong'], annual_t=600000, ann_low=300000, ann_high=600000, basis='assumed',
      note='no capacity in the texts; assumed 600,000 t/yr, the design freight capacity of the Quanhe port (chinadragontours.com \'Quanhe Border Port\', via search tool: 600,000 t of goods a year, bridge limit 60 t; as geodata/); a design capacity is a ceiling, so half of it is the low bound; the new four-lane bridge beside the 1938 one opened in October 2016 (Wikipedia \'Tumen River Bridge\'). Geometry: unchanged')
route('sanhe_hoeryong_road', 'Sanhe–Hoeryŏng road bridge over the Tumen', 'road', 'sanhe', 'hoeryong', True, 'cargo',
      G['sanhe_hoeryong'], annual_t=300000, ann_low=150000, ann_high=450000, basis='assumed',
      note='no capacity in the texts and none found; assumed 300,000 t/yr for a minor two-lane road crossing (half the Quanhe design figure), range half to one and a half times. Geometry: approximate ends, bridge not located')
route('nanping_musan_road', 'Nanping–Musan road bridge over the Tumen (iron ore)', 'road', 'nanping', 'musan', True, 'cargo,iron_ore',
      G['nanping_musan'], annual_t=533000, ann_low=266500, ann_high=533000, basis='assumed',
      note='no capacity in the texts; assumed 533,000 t/yr, the design capacity given for the Nanping port (Helong), which faces Ch\'ilsŏng-ri in Musan County (chinadragontours.com \'Nanping Border Port\', via search tool; the same page gives 533,000 t handled in 2010); a design capacity is a ceiling, so half of it is the low bound. Geometry: approximate ends, bridge not located')
route('changbai_hyesan_road', 'Changbai–Hyesan road bridge over the Yalu', 'road', 'changbai', 'hyesan', True, 'cargo',
      G['changbai_hyesan'], annual_t=300000, ann_low=150000, ann_high=450000, basis='assumed', published_km=0.148,
      note='no capacity in the texts and none found; assumed 300,000 t/yr for a 9 m wide road bridge, range half to one and a half times. Published: 148 m long, 9 m wide, rebuilt 1985 (Wikipedia \'Changbai–Hyesan International Bridge\')')
route('wonjong_rajin_road', 'Road Wonjong–Sŏnbong–Rajin', 'road', 'wonjong', 'rajin', True, 'cargo',
      G['wonjong_rajin_road'], annual_t=600000, ann_low=300000, ann_high=900000, basis='assumed',
      note='no capacity in the texts; assumed equal to the Quanhe–Wonjong crossing (600,000 t/yr), range half to one and a half times. Geometry: unchanged from geodata/')
route('sungri_wonjong_oil_road', 'Oil products by road Sŭngri refinery–Wonjong (resale to China)', 'road', 'sungri_refinery', 'wonjong', False, 'oil_products',
      list(reversed(G['wonjong_sungri_road'])), annual_t=100000, ann_low=36000, ann_high=300000, basis='assumed', source=S2, quote=QRESALE,
      note='the second seed says Siberian oil processed in North Korean plants was resold to Chinese consumers; the route (Sŭngri refinery in Rason, road to the Quanhe–Wonjong crossing) is an assumption: Rason\'s refinery and the crossing are the nearest pair. No volume in the texts; assumed 100,000 t/yr of tank trucks, range 36,000 t/yr (Russia\'s 2015 oil-product exports to North Korea, first seed, as the order of the Russian oil available) to 300,000 t/yr (half the crossing\'s design figure). Geometry: the geodata/ Wonjong–Rajin road cut at the refinery')
route('quanhe_hunchun_road', 'Road Quanhe–Hunchun', 'road', 'quanhe', 'hunchun', True, 'cargo,oil_products',
      G['quanhe_hunchun_road'], annual_t=600000, ann_low=300000, ann_high=900000, basis='assumed',
      note='no capacity in the texts; assumed equal to the Quanhe crossing (600,000 t/yr), range half to one and a half times. Geometry: approximate (S229 along the Tumen), not traced')
# --- oil
route('dandong_sinuiju_pipeline', 'Dandong–Sinŭiju crude oil pipeline (to the Ponghwa refinery)', 'pipeline', 'dandong_oil_depot', 'ponghwa_refinery', False, 'crude_oil',
      G['pipeline'], annual_t=1000000, ann_low=490000, ann_high=3000000, basis='assumed', published_km=30,
      note='no capacity in the texts; assumed 1 Mt/yr; range: 490,000 t/yr (Global Energy Monitor gives a capacity of 9,840 b/d ≈ 0.49 Mt/yr, close to the ~0.5 Mt/yr it actually carries; the first seed\'s \"about 500,000 tons of crude oil\" a year is in observations.json) to 3 Mt/yr, the design capacity commonly cited for the 1975 line (source not retrieved in this session). Geometry: depot (not located) → under the Yalu upstream of the bridges → Paegma-ri; approximate. Published: 30 km (Global Energy Monitor); a Japanese report (livedoor/Asia Press) gives 11 km')
route('ponghwa_sinuiju_rail', 'Oil products by rail from the Ponghwa refinery to the P\'yŏngŭi line', 'rail', 'ponghwa_refinery', 'sinuiju', True, 'oil_products',
      G['ponghwa_out'], gauge='1435', annual_t=1500000, ann_low=500000, ann_high=3000000, basis='assumed',
      note='how refined products leave the Ponghwa refinery is not in the texts nor in the sources found; a refinery with no way out would hold all of China\'s crude, so a standard-gauge rail link to the P\'yŏngŭi line is assumed, drawn to Sinŭiju (approximate, not traced); capacity assumed equal to the refinery\'s (1.5 Mt/yr), range as the refinery\'s: 0.5 Mt/yr (the crude it receives) to 3 Mt/yr (the pipeline\'s design capacity)')
route('dalian_nampo_tanker', 'Oil-product tankers Dalian–Nampo', 'tanker', 'dalian', 'nampo', False, 'oil_products',
      G['dalian_nampo'], payload_t=2000, pay_low=1000, pay_high=5000, trips_mo=12, trips_low=6, trips_high=20, basis='assumed',
      obs_annual=270000, obs_source=S0, obs_quote='270,000 tons of petroleum products each year',
      note='the seeds give China\'s petroleum-product exports to North Korea (270,000 t a year, observed, also in observations.json) but not the route; Reuters (28 Apr 2017) reports CNPC shipping small cargoes of jet fuel, diesel and gasoline from the Dalian refineries across the Yellow Sea to Nampo, hence this lane. Assumed small product tankers of 2,000 t (1,000–5,000 t) and 12 loaded trips a month (6–20), 24,000 t/month, enough for the observed 22,500 t/month. Geometry: geodata/ Nampo–Dalian lane reversed')
route('vladivostok_rajin_tanker', 'Oil tankers Vladivostok–Rajin (the Siberian fuel supply route)', 'tanker', 'vladivostok', 'rajin', False, 'oil_products',
      G['vladivostok_rajin'], payload_t=2000, pay_low=1000, pay_high=3000, trips_mo=4, trips_low=2, trips_high=6, basis='assumed', source=S2, quote=QSIB, published_km=167,
      note='the second seed names this supply route; no capacity in the texts; assumed small North Korean-flagged product tankers of ~2,000 t, about 4 loaded trips a month (five tankers loaded at Vladivostok-area ports in one day, first seed); range 1,000–3,000 t and 2–6 trips. In 2017 North Korean tankers loaded at Vladivostok and Nakhodka (Reuters, 20 Sep 2017) and at Slavyanka (Reuters, 30 Dec 2017; NK News 2015). Russia\'s 2015 total (36,000 t) is in observations.json, not on this lane. Geometry: out of the Golden Horn west of Russky Island, then straight across Peter the Great Gulf to Rajin Bay; ~90 nmi (issue)')
route('nakhodka_rajin_tanker', 'Oil tankers Nakhodka–Rajin', 'tanker', 'nakhodka', 'rajin', False, 'oil_products',
      G['nakhodka_rajin'], payload_t=2000, pay_low=1000, pay_high=3000, trips_mo=2, trips_low=1, trips_high=4, basis='assumed', source=S0, quote=QTANK,
      note='Nakhodka is one of the Vladivostok-area ports North Korean tankers left with diesel in 2017 (Reuters, 20 Sep 2017); no capacity in the texts; assumed ~2,000 t tankers, 2 loaded trips a month; range 1,000–3,000 t and 1–4 trips. Geometry: unchanged from geodata/')
route('slavyanka_rajin_tanker', 'Oil tankers Slavyanka–Rajin', 'tanker', 'slavyanka', 'rajin', False, 'oil_products',
      G['slavyanka_rajin'], payload_t=2000, pay_low=1000, pay_high=3000, trips_mo=4, trips_low=2, trips_high=8, basis='assumed', source=S0, quote=QTANK,
      note='Slavyanka oil terminal, less than 100 km from the North Korean border, was the main loading point of the North Korean tanker fleet in 2014–15 (NK News, Feb 2015, via portnews.ru) and a tanker sailed from it with 1,600 t in October 2017 (Reuters, Dec 2017); no capacity in the texts; assumed ~2,000 t tankers (the 2017 cargo was 1,600 t), 4 loaded trips a month; range 1,000–3,000 t and 2–8 trips; the terminal handles up to 1.5 Mt/yr of oil products (bespovorotno.ru), not a limit here. Geometry: out of Slavyanka Bay, then across the gulf to Rajin Bay; not traced')
route('vostochny_chongjin_tanker', 'Oil tankers Vostochny–Chongjin', 'tanker', 'vostochny', 'chongjin', False, 'oil_products',
      G['vostochny_chongjin'], payload_t=2000, pay_low=1000, pay_high=3000, trips_mo=1, trips_low=0.5, trips_high=2, basis='assumed', open_from='2024-03-07',
      note='no 2017 source for North Korean tankers at Vostochny; the calls found are from 2024 (first confirmed on 7 March 2024, RUSI satellite images via fxmartlive.com; four tankers in April 2024, Yomiuri via news1global.com), hence open_from 2024-03-07 (date of the documented use, not of the port). No capacity in the texts; assumed one ~2,000 t tanker a month; range 1,000–3,000 t and 0.5–2 trips. Geometry: unchanged from geodata/')
route('mangyongbong_ferry', 'Mangyongbong ferry Vladivostok–Rajin', 'ferry', 'vladivostok', 'rajin', True, 'cargo,passengers',
      G['vladivostok_rajin'], payload_t=1000, pay_low=500, pay_high=1000, trips_mo=6, trips_low=4.3, trips_high=6, pax_trip=200, basis='text', source=S0, published_km=167,
      quote='A new ferry service starting next week will move up to 200 passengers and 1,000 tons of cargo six times a month between North Korea and the Russian port of Vladivostok.',
      note='the figures are the text\'s: 1,000 t of cargo, 200 passengers, six sailings a month. \"up to\" bounds the cargo and the passengers from above: pay_high = 1,000 t; pay_low 500 t (assumed half-full sailings) bounds the cargo actually loaded per sailing, not what the ship could hold: the Mangyongbong, built in 1971, has holds larger than the text\'s 1,000 t (not quantified here), so 1,000 t is the service\'s announced load, not the hull\'s limit; passengers likewise up to 200 (no low bound in the schema). \"six times a month\" stays the value; trips_low 4.3 covers a weekly service (52/12 ≈ 4.3 sailings a month). Geometry: as vladivostok_rajin_tanker')
# --- coal
route('nampo_dalian_coal', 'Coal shipments Nampo–Dalian (west coast)', 'bulk', 'nampo', 'dalian', False, 'coal',
      G['nampo_dalian'], capacity=1800000, cap_low=1000000, cap_high=2500000, basis='assumed', source=S2, quote=QCOAL,
      note='the seeds say almost all North Korean coal went to China but give no capacity for a lane; the national figures (\"2 million tonnes in December\", the UN monthly limit) are in observations.json, not on this lane nor as its floor. Assumed 1.8 Mt/month for the west-coast coal ports (Nampo standing for Nampo, Songnim and Taean) to the Bohai/Yellow Sea ports (Dalian standing for them): North Korea\'s coal exports to China in 2016, about 22 Mt for the year (Chinese customs as reported in the press; not in the seeds, not re-checked here), are 1.8 Mt a month, mostly via the west coast; range 1.0 Mt/month (about half that rate) to 2.5 Mt/month, above the 2 million tonnes China imported in December 2016 (second seed) over every port. Geometry: unchanged from geodata/')
route('rajin_dalian_coal', 'Coal shipments from Rajin to China (round the Korean peninsula)', 'bulk', 'rajin', 'dalian', False, 'coal',
      G['rajin_dalian'], annual_t=4000000, ann_low=2000000, ann_high=5000000, basis='assumed', source=S2, quote=QCOAL,
      note='Rajin\'s coal pier (built for Russian coal arriving on the Khasan–Rajin line) also shipped coal to China; no capacity in the texts; assumed 4 Mt/yr, the same design order as the Khasan–Rajin line and terminal, range 2–5 Mt/yr. Destination: the texts name no Chinese port; Dalian stands for the Chinese receiving ports; the documented shipments of Chinese (Hunchun) coal through Rajin went to Shanghai: 20,000 t on the Jinbo in January 2011 (everychina.com, via search tool), and a Rajin–Shanghai service every 10 days from June 2015 (China Daily); see observations.json. Geometry: down the Korean east coast, through the Korea Strait south of Jeju and up the Yellow Sea; south of 36°N it leaves the clipped basemap, so validate does not check it against land there')
