Public notice: [Castlebridge Road]{LOC} resurfacing and budget consultation

[Harwick District Council]{ORG} gives notice that resurfacing works will take place on [Castlebridge Road]{LOC} between [Mill Lane]{LOC} and the junction with [St Anne's Street]{LOC} from [Monday 6 October]{DATE} for approximately [three weeks]{DATE}.

The road will be closed to through traffic between 9.30am and 3.30pm on weekdays. A signed diversion will operate via [Northgate]{LOC} and [Fenwick Avenue]{LOC}. Access for residents, [Royal Mail]{ORG} and emergency vehicles will be maintained at all times.

Parking bays on the western side of the road will be suspended during the works, and [two bus stops]{QTY} will be temporarily relocated. [Harbour Buses]{ORG} has been informed and will display notices at affected stops.

The works are funded from the council's [£1.6 million]{MONEY} highways maintenance budget for [2025/26]{DATE}.

Budget consultation

The council is also consulting on proposals to raise council tax by [4.99%]{PCT} in [April 2026]{DATE} and to reduce funding for [12 community centres]{QTY}. The proposals would save [£2.1m]{MONEY} a year. Residents can respond online or at any library. The consultation closes on [14 November 2025]{DATE}.

Paper copies of the proposals are available on request, including in large print and in Polish, Urdu and Romanian.

Signed: [Joanne Keswick]{PER}, Director of Place and Environment, [Harwick District Council]{ORG}, [29 September 2025]{DATE}
