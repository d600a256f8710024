SELECT $tag$ $inside $tag$, $after, $q$ $$ $q$, $é, $"Quoted Name", $1, $2
