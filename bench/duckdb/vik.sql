-- bench/duckdb/vik.sql - what an analyst would write instead of vik, in DuckDB:
-- the same five exports joined on the address, per-address counters, peer
-- statistics (median and MAD per peer group) and a ranked top list per theme.
-- make bench runs it beside vik on the same files (bench/duckdb/run.mjs fills in
-- ${DIR}, ${OUT}, ${THREADS} and ${REF}) to measure the issue's "4x faster than
-- a DuckDB script" - a yardstick for speed and memory, not a second scorer: it
-- has no quarantine, no linkage classes, no calibration and no reasons.
-- Statements are separated by a line holding only ';'.

SET threads = ${THREADS};
;
SET preserve_insertion_order = false;
;
-- The address key every source is normalised to: postcode, number, addition.
CREATE MACRO pc(x) AS
    regexp_extract(upper(x), '([0-9]{4})\s*-?\s*([A-Z]{2})', 1) ||
    regexp_extract(upper(x), '([0-9]{4})\s*-?\s*([A-Z]{2})', 2);
;
CREATE MACRO nr(x) AS TRY_CAST(regexp_extract(x, '^\s*([0-9]+)', 1) AS INTEGER);
;
CREATE MACRO addition(x) AS
    upper(regexp_replace(regexp_replace(x, '^\s*[0-9]+', ''), '[^0-9A-Za-z]', '', 'g'));
;
CREATE MACRO num_nl(x) AS TRY_CAST(replace(replace(x, '.', ''), ',', '.') AS DOUBLE);
;
CREATE TABLE obj AS
SELECT pc(postcode) AS pc, nr(huisnummer) AS nr,
       upper(coalesce(huisletter, '') || coalesce(toevoeging, '')) AS adx,
       identificatie AS object_id, pand_id AS building, gebruiksdoel AS usage,
       TRY_CAST(oppervlakte AS DOUBLE) AS area, TRY_CAST(woz_waarde AS DOUBLE) AS woz,
       eigenaar_id AS owner, eigenaar_soort AS owner_type,
       TRY_CAST(eigenaar_geboortedatum AS DATE) AS owner_birth, buurtcode AS buurt
FROM read_csv('${DIR}/kadaster_objecten.csv.gz', header = true, all_varchar = true);
;
CREATE TABLE addr AS
SELECT pc, nr, adx,
       sum(area) FILTER (WHERE area > 1 AND area < 999999) AS area, sum(woz) AS woz,
       bool_or(usage LIKE '%woonfunctie%') AS dwelling, any_value(usage) AS usage,
       any_value(building) AS building, any_value(buurt) AS buurt,
       min(owner) AS owner, any_value(owner_type) AS owner_type,
       max(owner_birth) AS owner_birth, count(DISTINCT object_id) AS n_objects
FROM obj GROUP BY pc, nr, adx;
;
CREATE TABLE owners AS
SELECT owner, count(DISTINCT object_id) AS n_objects,
       count(DISTINCT object_id) FILTER (WHERE usage LIKE '%woonfunctie%') AS n_dwellings
FROM obj WHERE owner IS NOT NULL GROUP BY owner;
;
CREATE TABLE buildings AS
SELECT building, count(*) FILTER (WHERE dwelling) AS n_dwellings FROM addr GROUP BY building;
;
CREATE TABLE brp AS
SELECT pc("08.11.60 postcode") AS pc, nr("08.11.20 huisnummer") AS nr,
       upper(coalesce("08.11.30 huisletter", '') || coalesce("08.11.40 huisnummertoevoeging", ''))
           AS adx,
       count(*) AS residents,
       count(*) FILTER (WHERE TRY_STRPTIME("01.03.10 geboortedatum", '%Y%m%d')
                              <= DATE '${REF}' - INTERVAL 18 YEAR) AS adults,
       count(*) FILTER (WHERE TRY_STRPTIME("08.10.30 datum aanvang adreshouding", '%Y%m%d')
                              > DATE '${REF}' - INTERVAL 12 MONTH) AS arrivals_12m
FROM read_csv('${DIR}/brp.csv', header = true, delim = ';', encoding = 'latin-1',
              all_varchar = true)
GROUP BY ALL;
;
CREATE TABLE energy AS
SELECT pc(POSTCODE) AS pc, nr(HUISNR) AS nr, addition(HUISNR) AS adx,
       sum(num_nl(SJV)) FILTER (WHERE PRODUCT IN ('ELK', 'E')) AS elec,
       sum(num_nl(SJV)) FILTER (WHERE PRODUCT IN ('GAS', 'G')) AS gas,
       min(least(num_nl(M01), num_nl(M02), num_nl(M03), num_nl(M04), num_nl(M05), num_nl(M06),
                 num_nl(M07), num_nl(M08), num_nl(M09), num_nl(M10), num_nl(M11), num_nl(M12)))
           FILTER (WHERE PRODUCT IN ('ELK', 'E')) AS month_min,
       max(greatest(num_nl(M01), num_nl(M02), num_nl(M03), num_nl(M04), num_nl(M05),
                    num_nl(M06), num_nl(M07), num_nl(M08), num_nl(M09), num_nl(M10),
                    num_nl(M11), num_nl(M12))) FILTER (WHERE PRODUCT IN ('ELK', 'E')) AS month_max
FROM read_csv('${DIR}/energie.csv', header = true, delim = '\t', all_varchar = true)
GROUP BY ALL;
;
CREATE TABLE kvk AS
SELECT pc(postcode) AS pc, nr(huisnummer) AS nr, upper(coalesce(toevoeging, '')) AS adx,
       count(*) FILTER (WHERE datumUitschrijving IS NULL) AS branches,
       count(*) FILTER (WHERE datumUitschrijving IS NULL AND
                              (sbiCode LIKE '56%' OR sbiCode LIKE '9602%' OR sbiCode LIKE '4511%'
                               OR sbiCode LIKE '6419%' OR sbiCode LIKE '8211%')) AS risk,
       count(*) FILTER (WHERE TRY_STRPTIME(datumAanvang, '%Y%m%d')
                              > DATE '${REF}' - INTERVAL 24 MONTH) AS new_24m
FROM read_csv('${DIR}/kvk_vestigingen.csv', header = true, delim = ',', all_varchar = true)
GROUP BY ALL;
;
CREATE TABLE tx AS
SELECT pc(Postcode) AS pc, nr(Adres) AS nr, addition(Adres) AS adx,
       TRY_STRPTIME("Datum overdracht", '%d-%m-%Y')::DATE AS date, num_nl(Koopsom) AS price,
       Koper AS buyer, "Soort koper" AS buyer_type, Hypotheek = 'J' AS mortgage
FROM read_csv('${DIR}/kadaster_transacties.csv', header = true, delim = ';',
              all_varchar = true);
;
CREATE TABLE tx_latest AS
SELECT pc, nr, adx, arg_max(date, date) AS date, arg_max(price, date) AS price,
       arg_max(mortgage, date) AS mortgage, count(*) AS n_tx,
       min(date) FILTER (WHERE date > DATE '${REF}' - INTERVAL 36 MONTH) AS first_3y
FROM tx GROUP BY pc, nr, adx;
;
CREATE TABLE signals AS
SELECT pc(postcode) AS pc, nr(huisnummer) AS nr, addition(huisnummer) AS adx, count(*) AS reports
FROM read_csv('${DIR}/meldingen.csv', header = true, delim = ';', all_varchar = true)
WHERE TRY_CAST(datum AS DATE) > DATE '${REF}' - INTERVAL 12 MONTH
  AND categorie IN ('hennep', 'drugs', 'stankoverlast', 'overbewoning', 'woonoverlast')
GROUP BY ALL;
;
-- one row per address, every source joined on the key
CREATE TABLE joined AS
SELECT a.*, coalesce(b.residents, 0) AS residents, coalesce(b.adults, 0) AS adults,
       coalesce(b.arrivals_12m, 0) AS arrivals_12m, e.elec, e.gas, e.month_min, e.month_max,
       coalesce(k.branches, 0) AS branches, coalesce(k.risk, 0) AS risk,
       coalesce(k.new_24m, 0) AS new_24m, t.date AS tx_date, t.price, t.mortgage,
       t.first_3y, coalesce(s.reports, 0) AS reports, o.n_dwellings AS owner_dwellings,
       date_diff('year', a.owner_birth, DATE '${REF}') AS owner_age,
       bl.n_dwellings AS building_dwellings
FROM addr a
LEFT JOIN brp b USING (pc, nr, adx)
LEFT JOIN energy e USING (pc, nr, adx)
LEFT JOIN kvk k USING (pc, nr, adx)
LEFT JOIN tx_latest t USING (pc, nr, adx)
LEFT JOIN signals s USING (pc, nr, adx)
LEFT JOIN owners o ON o.owner = a.owner
LEFT JOIN buildings bl ON bl.building = a.building;
;
-- peer groups: dwellings by area band and household size; other units by use and area band
CREATE TABLE peer AS
SELECT *, CASE WHEN dwelling THEN 'w' || least(floor(area / 25), 6)::INT || '-' ||
                                   least(residents, 5)
               ELSE usage || '-' || least(floor(log2(greatest(area, 1))), 12)::INT END AS grp,
       ln(1 + greatest(elec, 0)) AS le,
       ln(greatest(elec, 1) / greatest(area, 1)) AS lem2
FROM joined;
;
CREATE TABLE peer_stats AS
SELECT grp, count(*) AS n, median(le) AS med, mad(le) AS mad, median(lem2) AS med_m2,
       mad(lem2) AS mad_m2
FROM peer WHERE elec IS NOT NULL GROUP BY grp;
;
CREATE TABLE market AS
SELECT year(tx_date) AS y, median(price / woz) AS ratio FROM joined
WHERE price >= 10000 AND woz > 0 GROUP BY ALL;
;
-- robust z per indicator, equal weights, no tuning
CREATE TABLE z AS
SELECT p.pc, p.nr, p.adx,
       CASE WHEN p.dwelling AND s.mad > 0 THEN (p.le - s.med) / (1.4826 * s.mad) END AS z_elec,
       CASE WHEN NOT p.dwelling AND s.mad_m2 > 0
            THEN (p.lem2 - s.med_m2) / (1.4826 * s.mad_m2) END AS z_unit,
       CASE WHEN p.month_max > 0 THEN 1 - p.month_min / p.month_max END AS spread,
       CASE WHEN p.dwelling AND p.residents > 0 THEN p.area / p.residents END AS m2_pp,
       p.arrivals_12m, p.branches, p.risk, p.new_24m, p.reports,
       CASE WHEN p.price >= 10000 AND p.woz > 0 AND p.tx_date > DATE '${REF}' - INTERVAL 24 MONTH
            THEN abs(ln(p.price / (p.woz * m.ratio))) END AS z_price,
       p.mortgage = false AND p.owner_age < 30 AS young_cash,
       p.owner_dwellings, p.building_dwellings
FROM peer p LEFT JOIN peer_stats s USING (grp) LEFT JOIN market m ON m.y = year(p.tx_date);
;
CREATE TABLE ranked AS
SELECT pc, nr, adx,
       greatest(coalesce(z_elec, 0), coalesce(z_unit, 0), 0) +
           CASE WHEN spread < 0.2 THEN 2 ELSE 0 END + least(reports, 2) AS hennep,
       coalesce(z_price, 0) * 4 + CASE WHEN young_cash THEN 2 ELSE 0 END +
           least(coalesce(owner_dwellings, 0), 10) / 5 AS witwassen,
       least(branches, 20) / 4 + risk + new_24m / 2 AS brievenbus,
       CASE WHEN m2_pp < 12 THEN (12 - m2_pp) / 4 ELSE 0 END + least(arrivals_12m, 8) / 2
           AS overbewoning
FROM z;
;
COPY (SELECT 'hennep' AS theme, pc, nr, adx, hennep AS score FROM ranked
      ORDER BY hennep DESC LIMIT 100) TO '${OUT}/duckdb-hennep.csv' (HEADER, DELIMITER ';');
;
COPY (SELECT 'witwassen' AS theme, pc, nr, adx, witwassen AS score FROM ranked
      ORDER BY witwassen DESC LIMIT 100) TO '${OUT}/duckdb-witwassen.csv' (HEADER, DELIMITER ';');
;
COPY (SELECT 'brievenbus' AS theme, pc, nr, adx, brievenbus AS score FROM ranked
      ORDER BY brievenbus DESC LIMIT 100) TO '${OUT}/duckdb-brievenbus.csv' (HEADER, DELIMITER ';');
;
COPY (SELECT 'overbewoning' AS theme, pc, nr, adx, overbewoning AS score FROM ranked
      ORDER BY overbewoning DESC LIMIT 100)
    TO '${OUT}/duckdb-overbewoning.csv' (HEADER, DELIMITER ';');
