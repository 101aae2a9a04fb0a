#!/bin/sh
# Container start: load the seeds if asked (by default only into an empty graph, so that a
# restart never puts edited seed records back as they were), then serve.
# CMQ_SEED: if-empty (default) | always | never. Arguments go to `cmq serve`.
set -eu
case "${CMQ_SEED:-if-empty}" in
  if-empty) cmq load seeds/ --if-empty ;;
  always) cmq load seeds/ ;;
  never) ;;
  *) echo "CMQ_SEED must be if-empty, always or never" >&2; exit 2 ;;
esac
exec cmq serve --host "${CMQ_HOST:-0.0.0.0}" --port "${CMQ_PORT:-8000}" "$@"
