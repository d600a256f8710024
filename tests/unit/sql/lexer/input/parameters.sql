SELECT $1, $name, $"quoted; name", a$b, a$$, x$tag$, 1.5e3$$;$$, $a(x;y) AS z; SELECT :x, @y, $z::t, ?
