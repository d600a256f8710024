SELECT $$a;b 'c' "d"$$, $tag$ x; $$ y; 'z $tag$, $Tag$ $tag$ $Tag$; SELECT $q1$;$q1$, $é$;$é$; SELECT 3
