WITH RECURSIVE monthly(m, total) AS (SELECT month, sum(x) FROM raw_sales GROUP BY 1),
     top AS MATERIALIZED (SELECT * FROM monthly ORDER BY total DESC LIMIT 3)
SELECT * FROM top JOIN targets USING (m)
