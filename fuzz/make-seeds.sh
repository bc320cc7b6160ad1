#!/bin/sh
# make-seeds.sh - (re)write the seed inputs in fuzz/seeds/NAME/ (committed; run this
# only after changing it). Lines are taken from the five export dialects of
# samples/EXPORTS.md as vik-gen writes them, plus the spellings and edge cases each
# parser documents. The first bytes of a seed select the target's settings (see the
# top of fuzz/fuzz_NAME.c); printf writes them as octal escapes.
#
# Usage: sh fuzz/make-seeds.sh   (from the repository root)
set -eu
S=fuzz/seeds
rm -rf "$S"
mkdir -p "$S/reader" "$S/address" "$S/parse" "$S/html"

# ---- reader: byte 0 = delimiter | max_field << 2 | chunk << 5, byte 1 = mode | opts << 2
r() { printf "$2" >"$S/reader/$1"; }

BRP_H='01.01.20 burgerservicenummer;01.02.40 geslachtsnaam;01.03.10 geboortedatum;01.04.10 geslachtsaanduiding;04.05.10 nationaliteit;08.10.30 datum aanvang adreshouding;08.11.10 straatnaam;08.11.20 huisnummer;08.11.30 huisletter;08.11.40 huisnummertoevoeging;08.11.60 postcode;08.11.70 woonplaatsnaam\r\n'
BRP_R='476640611;van Beekhuis;19851227;V;0001;20240907;Molenstraat;1;;;5661AE;Geldrop\r\n800126609;M\366ller;19480207;V;0001;20180811;Molenstraat;12;C;;5661AF;Geldrop\r\n691227111;Ba\377ens;19790900;V;0001;20250510;Molenstraat;26;A;3;5661AK;Geldrop\r\n'
OBJ_H='identificatie,pand_id,postcode,huisnummer,huisletter,toevoeging,straat,woonplaats,gebruiksdoel,oppervlakte,bouwjaar,woz_waarde,eigenaar_id,eigenaar_soort,eigenaar_geboortedatum,buurtcode\n'
OBJ_R='1771010000141996,1771100000187978,5661AE,1,,,Molenstraat,Geldrop,woonfunctie,137,1900,540000,88358136,RP,,BU17710101\n1771010000142001,1771100000187979,5661 AE,2,,,Molenstraat,Geldrop,woonfunctie,163.5,1900,651000,901337808,NP,1990-06-09,BU17710101\n1771010000142017,1771100000187983,5661 af,12,A,,Molenstraat,Geldrop,"woonfunctie,winkelfunctie",60,1900,214000,952412305,NP,1978-06-19,BU17710101\n'
TRA_H='\357\273\277Postcode;Adres;Datum overdracht;Koopsom;Koper;Soort koper;Hypotheek\n'
TRA_R='5661 AE;2;17-10-2022;546.000,00;375898311;natuurlijk persoon;N\n5661AF;12 A;26-07-2022;175.500,00;952412305;natuurlijk persoon;J\n5661AF;44bis;1-2-2023;1.250.000,00;88358136;rechtspersoon;N\n5661AF;52/23;01-02-2023 00:00;99.000,00;;;\n'
KVK_H='kvkNummer,vestigingsnummer,eersteHandelsnaam,sbiCode,rechtsvorm,datumAanvang,datumUitschrijving,postcode,huisnummer,toevoeging,straatnaam,plaats\n'
KVK_R='96031862,000529614225,Software Peelrand,62010,Eenmanszaak,20240212,,5661AE,5,,Molenstraat,Geldrop\n82294271,000644783588,"Bar ""De Hoek""",6619,Eenmanszaak,20260112,,5661AF,12,A2,Molenstraat,Geldrop\n68556680,000759952951,5" scherm BV,70221,BV,20250128,20250601,5661AF,12,BIS,Molenstraat,Geldrop\n'
ENE_H='EAN\tPRODUCT\tPOSTCODE\tHUISNR\tSJV\tM01\tM02\tM03\tM04\tM05\tM06\tM07\tM08\tM09\tM10\tM11\tM12\n'
ENE_R='871687126309022136\tELK\t5661-AE\t1\t5.942,7\t561,5\t599,0\t503,0\t512,6\t433,9\t406,2\t404,8\t399,1\t442,1\t528,6\t559,5\t592,4\n871687126342913026\tGAS\tNL-5661 AE\t1\t2.233,0\t\t\t\t\t\t\t\t\t\t\t\t\n871687126342913027\tELK\t5661ae\t12-A\t-1.200,5\t\t\t\t\t\t\t\t\t\t\t\t\n'

# mode 0 (records): each dialect, sniffed or given delimiter, assorted ceilings/reads
r brp-records      "\025\000$BRP_H$BRP_R"
r objects-sniffed  "\224\000$OBJ_H$OBJ_R"
r transactions-keep "\041\124$TRA_H$TRA_R"
r kvk-chunk1       "\066\000$KVK_H$KVK_R"
r energy-tab       "\363\000$ENE_H$ENE_R"
# mode 1 (sweep): read sizes and ceilings against one plain read
r brp-sweep        "\201\001$BRP_H$BRP_R"
r kvk-sweep        "\102\005$KVK_H$KVK_R"
r energy-sweep     "\143\001$ENE_H$ENE_R"
# mode 2 (gzip): plain vs gzip members
r objects-gzip     "\002\016$OBJ_H$OBJ_R"
r transactions-gzip "\045\062$TRA_H$TRA_R"
# mode 3 (ingest): byte 1 = 3 | source << 2 (kvk, brp, objects, transactions, energy)
r ingest-kvk       "\026\003$KVK_H$KVK_R"
r ingest-brp       "\025\007$BRP_H$BRP_R"
r ingest-objects   "\026\013$OBJ_H$OBJ_R"
r ingest-transactions "\025\017$TRA_H$TRA_R"
r ingest-energy    "\027\023$ENE_H$ENE_R"
# quoting, line ends and blank lines
r quoted-newline   "\025\000a;b;c\r\n1;\"two\nlines\";3\r\n\r\n\r\n4;\"\"\"q\"\"\";6\r\n"
r lone-cr          "\042\001a,b\r1,2\r\r3,\"x\ry\"\r"
r stray-quote      "\025\001name;n\nBar \"De Hoek\";1\n5\" scherm;2\n"
r text-after-quote "\025\001name;n\n\"Bar \"De Hoek\"\";1\n"
r unclosed-quote   "\025\001name;n\n\"open;1\n2;3\n"
r blanks-first     "\001\000\n\n  \nh1;h2\n   \n1;2"
r long-field       "\001\001h;i\n1;aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa   \n2;\"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\"   \n"
# wider than CSVR_MAX_COLUMNS (512): a data row (refused alone) and a header (fails);
# a record of more than 4 KiB of kept fields (the record buffer grows)
w=$(printf '1;%.0s' $(seq 600))
r wide-row         "\025\000a;b;c\n1;2;3\n${w}9\n4;5;6\n"
r wide-header      "\025\000${w}h\n1;2\n"
f=$(printf 'abcdefghijklmnopqrstuvwxyz0123456789%.0s' $(seq 40))
r long-record      "\375\001a;b;c\n${f};${f};${f}\n"
# a real gzip file in mode 0 (and one cut short)
printf "$OBJ_H$OBJ_R" | gzip -n -c >"$S/reader/.gz.tmp"
{ printf '\026\000'; cat "$S/reader/.gz.tmp"; } >"$S/reader/objects-gz-file"
{ printf '\026\000'; head -c 100 "$S/reader/.gz.tmp"; } >"$S/reader/objects-gz-truncated"
rm -f "$S/reader/.gz.tmp"

# ---- address: byte 0 separates postcode, number, letter, suffix
a() { printf "$2" >"$S/address/$1"; }
a separate      '|5664AB|12|a|2'
a combined-dash '|5664 ab|12-A'
a combined-sp   '|NL-5664 AB|12 A 2'
a suffix-col    '|5664AB|12||A2'
a suffix-b73c   '|5664AB|12||B73C'
a bis           '|5661AF|44bis'
a slash         '|5661AF|52/23'
a numeric-suf   '|5664-AB|7-2'
a zeros         '|5664ab|0012'
a decimal       '|5664AB|12.0'
a date          '|5664AB|1-dec'
a numeric-date  '|5664AB|12-1-2020'
a range         '|5664AB|12-14'
a range-words   '|5664AB|12 t/m 16'
a postbus       '|Postbus 123|'
a antwoord      '|5664AB|Antwoordnummer 45'
a aanduiding    '|5664AB|t/o 12'
a pc4           '|5664|12'
a never-issued  '|5664SA|12'
a unicode-dash  '|5664AB|12\342\200\223A'
a nbsp          '|5664\302\240AB|\302\24012 '
a disagree      '|5664AB|12A|B'
a high-number   '|9999ZZ|99999|Z|ZZZ9'

# ---- parse: bytes 0-1 = decode_text capacity, then the text
p() { printf "$2" >"$S/parse/$1"; }
p thousands    '\377\377 1.234.567,5 '
p price        '\020\000325.000,00'
p negative     '\004\000-1,5'
p plain-dot    '\377\000+12.25'
p partial-year '\377\37719800000'
p partial-mon  '\001\00019800600'
p leap         '\377\37720200229'
p iso          '\377\3772020-02-29'
p iso-time     '\377\3772020-02-29T10:00:00'
p dmy          '\377\3771-2-2019'
p dmy-time     '\377\37701-02-2019 00:00'
p yes          '\377\377J'
p no           '\377\377nee'
p person       '\377\377natuurlijk persoon'
p entity       '\377\377Rechtspersoon'
p electricity  '\377\377ELK'
p gas          '\377\377gas'
p bsn          '\377\377476640611'
p bsn8         '\377\377 11122233'
p ean          '\377\377871687126309022136'
p cp1252       '\011\000M\366ller \200 \223x\224'
p utf8         '\011\000M\303\274ller \342\202\254'
p overlong     '\377\377\300\257\355\240\200\364\220\200\200'

# ---- html: the raw bytes of one value as report.html receives it
h() { printf "$2" >"$S/html/$1"; }
h plain    'Kerkstraat'
h markup   '<script>alert("x")</script>&amp;'
h utf8     'Caf\303\251 \342\202\254 \360\237\230\200'
h invalid  'Caf\351 \300\257 \355\240\200 \364\220\200\200 \342\202'
h controls "O'Brien\tstraat\n\001\177"
