await EpreuveCenter.runMain()
