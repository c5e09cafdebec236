# lib.sh: being written.
