SELECT extract(year FROM sold_on) AS y, substring(name FROM 2 FOR 3), trim(BOTH 'x' FROM code),
       a IS DISTINCT FROM b
FROM read_csv('data.csv') JOIN lookup ON true
