# The failed tests of .trx files (VSTest results), each with the first lines of its message. .ci/run prints them
# last when the suite fails, so that the tail of a CI log names what failed.
/<UnitTestResult / && /outcome="Failed"/ { match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11); want = 1 }
want && /<Message>/ { sub(/.*<Message>/, ""); print "  FAILED " name ": " $0; lines = 1; if ($0 ~ /<\/Message>/) want = 0; next }
want && lines > 0 { if (lines < 4) print "    " $0; lines++; if ($0 ~ /<\/Message>/) { want = 0; lines = 0 } }
