# Shortcuts for the README's two commands (scripts/run.sh, scripts/test.sh), plus asan.
.PHONY: run test asan clean

run:
	scripts/run.sh

test:
	scripts/test.sh

asan:
	PRESET=asan scripts/test.sh

clean:
	rm -rf build
