SELECT * FROM sales WHERE region = $region AND amount > $1 AND a$b = 1
JOIN $not_a_table ON true
