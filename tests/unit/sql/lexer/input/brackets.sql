SELECT [a;b] AS x, [1, 2][1] FROM [my table]; SELECT [x]]y]
