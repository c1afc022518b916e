#!/bin/bash
# One run: stream (local or cluster) reading a load of N records with 100-byte values, flat out.
# usage (from the project directory, after the build): docs/cluster-throughput.sh local|cluster N
set -u
J=$(pwd)/target/demo.jar; MODE=$1; N=$2
D=$(pwd)/logs/cluster-throughput-$MODE; rm -rf $D; mkdir -p $D; cd $D
java -jar $J broker --port 0 --zk-port 0 > b.out 2>&1 &
until grep -q "Kafka broker 0 started" b.out; do sleep 0.5; done   # waiting for the broker
BS=$(grep -o "Kafka broker 0 started at 127.0.0.1:[0-9]*" b.out | sed 's/.*at //')
java -jar $J topics --create --topic bench --partitions 4 --bootstrap-server $BS > /dev/null
MASTER=local[2]
if [ $MODE = cluster ]; then
  java -jar $J spark-master --port 0 --webui-port 0 > m.out 2>&1 &
  until grep -q "Spark master started" m.out; do sleep 0.5; done   # waiting for the master
  MASTER=$(grep -o "spark://127.0.0.1:[0-9]*" m.out | head -1)
  java -jar $J spark-worker $MASTER --cores 1 --memory 1g --webui-port 0 > w1.out 2>&1 &
  java -jar $J spark-worker $MASTER --cores 1 --memory 1g --webui-port 0 > w2.out 2>&1 &
  until grep -q registered w1.out && grep -q registered w2.out; do sleep 0.5; done   # waiting for both workers
fi
java -Xmx512m -jar $J stream --master $MASTER --bootstrap-server $BS --topic bench --batch-interval 2s --no-ui --show 0 --expect $N > s.out 2>&1 &
SP=$!
until grep -q -- "--- batch" s.out; do sleep 0.5; done
T0=$(date +%s.%N)
java -jar $J load --bootstrap-server $BS --topic bench --records $N --rate max --value-size 100 > l.out 2>&1
T1=$(date +%s.%N)
until grep -q "all processed" s.out; do sleep 0.2; done
T2=$(date +%s.%N)
wait $SP
echo "$MODE: load $(grep done l.out)"
echo "$MODE: $N records, producing $(echo "$T1 - $T0" | bc) s, all processed after $(echo "$T2 - $T0" | bc) s "
grep SUMMARY s.out
pkill -f "$J" ; sleep 3
