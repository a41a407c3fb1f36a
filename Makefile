# Shortcuts for the README's two commands (scripts/run.sh, scripts/test.sh), plus asan and fuzz.
.PHONY: run test asan fuzz clean

run:
	scripts/run.sh

test:
	scripts/test.sh

asan:
	PRESET=asan scripts/test.sh

fuzz:
	scripts/fuzz.sh

clean:
	rm -rf build
