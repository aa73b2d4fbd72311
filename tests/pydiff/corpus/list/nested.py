grid = [[i * j for j in range(3)] for i in range(3)]
print(grid, grid[2][1], [row[0] for row in grid])
