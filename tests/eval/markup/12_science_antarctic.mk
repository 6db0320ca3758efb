Scientists map ancient river network beneath Antarctic ice

Researchers at [Aberdale University]{ORG} have mapped a vast network of ancient river channels buried beneath [2km]{QTY} of ice in [East Antarctica]{LOC}, offering clues to how the continent’s ice sheet may respond to warming.

The study, published on [Wednesday]{DATE} in the journal [Geoscience Frontiers]{ORG}, used radar data collected by aircraft flown by the [British Antarctic Survey]{ORG} between [2016]{DATE} and [2021]{DATE}.

Lead author Dr [Fiona Carmichael]{PER} said the channels, some more than [40 kilometres]{QTY} long, were carved by rivers around [34 million years ago]{DATE}, before the ice sheet formed.

“It’s like finding a fossil landscape,” she said. “These valleys have been frozen in time, and they tell us where the ice first took hold.”

The team, which included scientists from [Germany]{LOC}, [Norway]{LOC} and the [United States]{LOC}, identified more than [1,200 channel segments]{QTY} across an area roughly the size of [Wales]{LOC}.

Prof [Anders Lindqvist]{PER} of the [Alfred Wegener Institute]{ORG}, who was not involved in the research, called it “a remarkable piece of detective work”. He said the findings would help modellers such as his colleague [Maren Holt]{PER} test how the ice sheet behaved during past warm periods.

The research was funded by the [Natural Environment Research Council]{ORG} with a grant of [£1.1m]{MONEY}. [Carmichael]{PER} hopes to return to [Antarctica]{LOC} in [2026]{DATE} to drill through the ice and sample sediment directly.
