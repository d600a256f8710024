-- A comment right after an operator is still a comment (found by the fuzzer: `=--` and `*/*`
-- were read as one operator, and the names in the comment as tables).
SELECT 2 */* FROM fake_block */ 3 AS six, x =-- JOIN fake_line
  1 AS one
FROM real_table
