-- FROM commented_out
SELECT 'FROM not_a_table', "FROM" AS col /* JOIN also_not */
FROM real_table
WHERE note = 'select * from fake'
