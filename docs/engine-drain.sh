#!/bin/bash
# The engines' own speed, with no producer sharing the cores: N records (100-byte values) are loaded into a topic of
# 3 partitions first, then `stream --engine ENGINE --expect N` (local[2], 2 s batches) reads them all. Prints, on the
# stream's own clock, the seconds from its job's start to its "all processed" line; run it for a small N too and take
# the difference (the records' share of the time, without the job's first-batch costs).
# usage (from the project directory, after the build): docs/engine-drain.sh dstream|structured N
set -u
J=$(pwd)/target/demo.jar; ENGINE=$1; N=$2
D=$(pwd)/logs/engine-drain-$ENGINE-$N; rm -rf $D; mkdir -p $D; cd $D
java -jar $J broker --port 0 --zk-port 0 > b.out 2>&1 &
until grep -q "Kafka broker 0 started" b.out; do sleep 0.5; done   # waiting for the broker
BS=$(grep -o "Kafka broker 0 started at 127.0.0.1:[0-9]*" b.out | sed 's/.*at //')
java -jar $J topics --create --topic drain --partitions 3 --bootstrap-server $BS > /dev/null
java -jar $J load --bootstrap-server $BS --topic drain --records $N --rate max --value-size 100 > l.out 2>&1
java -Xmx512m -jar $J stream --engine $ENGINE --bootstrap-server $BS --topic drain --batch-interval 2s --no-ui \
  --show 0 --expect $N > s.out 2>&1
S=$(grep -m1 -o '^\[ *[0-9.]*s\] S[a-z]* Streaming \(query \)\?started' s.out | grep -o '[0-9.]*s' | tr -d s)
A=$(grep -m1 'all processed' s.out | grep -o '[0-9.]*s' | head -1 | tr -d s)
echo "$ENGINE: $N records; job started at $S s, all processed at $A s: $(echo "$A - $S" | bc) s"
grep SUMMARY s.out
kill %1; wait
