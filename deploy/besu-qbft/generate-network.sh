#!/bin/sh
# Runs once, in the Besu image, before the validators start (the `network` service of compose.yaml):
# Besu's own generator makes four validator keys and a QBFT genesis whose extraData names them, then
# this lays the keys out one directory per validator and writes validator 1's enode as the bootnode.
# NOT RUN HERE (no Besu, and no Docker daemon, on the machine this was written on).
set -eu
out=/network
if [ -f "$out/genesis.json" ]; then echo "network files already in $out"; exit 0; fi
besu operator generate-blockchain-config --config-file=/config/qbftConfigFile.json --to=/tmp/generated --private-key-file-name=key
cp /tmp/generated/genesis.json "$out/genesis.json"
i=1
for dir in /tmp/generated/keys/*; do
  mkdir -p "$out/validator$i"
  cp "$dir/key" "$dir/key.pub" "$out/validator$i/"
  basename "$dir" > "$out/validator$i/address"
  i=$((i + 1))
done
pub=$(sed 's/^0x//' "$out/validator1/key.pub")
echo "enode://$pub@172.16.240.11:30303" > "$out/bootnodes"
echo "validators: $(cat "$out"/validator*/address | tr '\n' ' ')"
