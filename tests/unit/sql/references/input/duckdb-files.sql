SELECT * FROM 'data.parquet' JOIN monthly_totals m ON true
