SELECT :colon, @at, $dollar, $a::b(x y), ?1, ?
