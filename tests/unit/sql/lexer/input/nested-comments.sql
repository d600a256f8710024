SELECT /* a /* b; */ c; */ 1; SELECT 2 /* x */ ; -- c; d
SELECT 3 */
