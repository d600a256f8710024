SELECT * FROM sales WHERE region = $region AND year = $Year AND month = $year AND region <> $region
