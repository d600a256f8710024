SELECT 2 */* c */ 3, x =-- c
1, a::INT, b->>'k', c || d, e <> f, g != h, @i, #j; SELECT a=:b
