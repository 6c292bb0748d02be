kcnt=0
kcnt+=o